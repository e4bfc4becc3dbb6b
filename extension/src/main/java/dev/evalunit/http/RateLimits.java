package dev.evalunit.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigKeys;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * How hard one model's calls may press on its endpoint.
 *
 * @param maxConcurrency the most attempts in flight at once on the model's endpoint (scheme, host and
 *     port of its base URL); the adaptive limit starts here, halves on a 429 and grows back to it. Models
 *     sharing an endpoint share one limit, whose maximum is the smallest they declare.
 * @param requestsPerSecond a fixed cap on this model's attempts per second (burst 1), or empty for none
 * @param maxRetryTime no retry starts once the time since the call's first attempt plus the wait before
 *     the retry would exceed this
 */
@API(status = INTERNAL, since = "0.1")
public record RateLimits(int maxConcurrency, OptionalDouble requestsPerSecond, Duration maxRetryTime) {

    /** 64 in flight per endpoint, no rate cap, 120 s of retrying. */
    public static final RateLimits DEFAULT = new RateLimits(ConfigKeys.DEFAULT_MAX_CONCURRENCY, OptionalDouble.empty(),
            Duration.ofSeconds(ConfigKeys.DEFAULT_MAX_RETRY_SECONDS));

    public RateLimits {
        Objects.requireNonNull(requestsPerSecond, "requestsPerSecond");
        Objects.requireNonNull(maxRetryTime, "maxRetryTime");
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be positive, but was " + maxConcurrency);
        }
        requestsPerSecond.ifPresent(rate -> {
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("requestsPerSecond must be positive and finite, but was " + rate);
            }
        });
        if (maxRetryTime.isNegative() || maxRetryTime.isZero()) {
            throw new IllegalArgumentException("maxRetryTime must be positive, but was " + maxRetryTime);
        }
    }
}
