package dev.evalunit.experiment.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** Experiment sets written as JSON text in tests, read as a file would be. */
final class Json {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Json() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        try {
            return JSON.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("test JSON is not valid: " + e.getOriginalMessage(), e);
        }
    }

    static ExperimentSetSpec parse(String text) {
        return ExperimentSetParser.parse(object(text), "test.json");
    }

    static List<ExperimentConfiguration> experiments(String text) {
        return parse(text).experiments();
    }
}
