package dev.evalunit.api.experiment;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A model's answer to one row.
 *
 * @param output the answer, or {@code null} when generation failed
 * @param seconds wall time of the call in seconds (not truncated), {@code null} for pre-generated outputs
 * @param promptTokens from the response's usage, or {@code null}
 * @param completionTokens from the response's usage, or {@code null}
 * @param error why there is no output, else {@code null}
 */
@API(status = STABLE, since = "0.1")
public record Generation(String output, Double seconds, Integer promptTokens, Integer completionTokens, String error) {
    public static Generation preGenerated(String output) {
        return new Generation(output, null, null, null, null);
    }

    public static Generation failed(String error) {
        return new Generation(null, null, null, null, error);
    }

    public boolean failed() {
        return output == null;
    }
}
