package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A model's reply.
 *
 * @param text the answer's text
 * @param promptTokens prompt tokens from the response's usage, or {@code null} if not reported
 * @param completionTokens completion tokens from the response's usage, or {@code null} if not reported
 * @param latency wall time of the successful call (retries excluded)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ModelReply(String text, Integer promptTokens, Integer completionTokens, Duration latency) {
    public static ModelReply of(String text) {
        return new ModelReply(text, null, null, Duration.ZERO);
    }
}
