package dev.evalunit.api.spi;

import java.time.Duration;

/**
 * A model's reply.
 *
 * @param text the answer's text
 * @param promptTokens prompt tokens from the response's usage, or {@code null} if not reported
 * @param completionTokens completion tokens from the response's usage, or {@code null} if not reported
 * @param latency wall time of the successful call (retries excluded)
 */
public record ModelReply(String text, Integer promptTokens, Integer completionTokens, Duration latency) {
    public static ModelReply of(String text) {
        return new ModelReply(text, null, null, Duration.ZERO);
    }
}
