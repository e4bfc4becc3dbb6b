package dev.evalunit.experiment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.experiment.spec.ExperimentSetParser;
import dev.evalunit.experiment.spec.ExperimentSetSpec;
import dev.evalunit.experiment.spec.ExperimentSpec;
import java.util.List;
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

    /**
     * One experiment [e] with its configuration as given, bypassing the parser: for what the parser already
     * refuses, but the planner, which accepts any spec, must refuse as well.
     */
    static ExperimentSetSpec unparsed(String configuration) {
        Map<String, Object> json = object(configuration);
        return new ExperimentSetSpec("set", "", List.of(new ExperimentSpec("set", "e", 0, json, json, "c0", 0, 1, "e")),
                "test");
    }
}
