package dev.evalunit.metrics;

import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.spi.MetricInput;
import dev.evalunit.api.spi.ModelClient;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds metric inputs for tests. */
final class Rows {

    static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    /** A row with every canonical column filled. */
    static Map<String, Object> fullRow() {
        return row("query", "When did the Golden Gate Bridge open?",
                "output_true", "It opened in 1937.",
                "context", "The Golden Gate Bridge opened to traffic on May 28, 1937.",
                "retrieval_context", "[\"The bridge opened in 1937.\", \"It is painted International Orange.\"]");
    }

    static Generation generated(String output) {
        return new Generation(output, 1.25, 12, 5, null);
    }

    static MetricInput input(Map<String, Object> row, String output, ModelClient judge) {
        return new MetricInput(row, generated(output), judge, 0);
    }

    private Rows() {
    }
}
