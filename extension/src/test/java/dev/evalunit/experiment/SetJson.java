package dev.evalunit.experiment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.experiment.spec.ExperimentSetParser;
import dev.evalunit.experiment.spec.ExperimentSetSpec;
import java.util.Map;

/**
 * Experiment sets written in tests as JSON with single quotes (so Java strings need no escapes), read
 * as a file would be.
 */
final class SetJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_SINGLE_QUOTES);

    private SetJson() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        try {
            return JSON.readValue(text, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("test JSON is not valid: " + e.getOriginalMessage(), e);
        }
    }

    /** A set named {@code set} of the given experiments, through the parser. */
    static ExperimentSetSpec experiments(String... experiments) {
        return ExperimentSetParser.parse(object("{'name': 'set', 'experiments': [" + String.join(", ", experiments) + "]}"),
                "test");
    }
}
