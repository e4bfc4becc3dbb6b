package dev.evalunit.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigKeys;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * How hard one model's calls may press on its endpoint, and how long one attempt waits for it. The
 * attempt's whole time limit is the model's {@code timeout} ({@code timeout-seconds}); the two parts
 * of it given here default to a share of it ({@link #connectTimeout(Duration)}, {@link #firstByteTimeout(Duration)}).
 *
 * @param maxConcurrency the most attempts in flight at once on the model's endpoint (scheme, host and
 *     port of its base URL); the adaptive limit starts here, halves on a 429 and grows back to it. Models
 *     sharing an endpoint share one limit, whose maximum is the smallest they declare.
 * @param requestsPerSecond a fixed cap on this model's attempts per second (burst 1), or empty for none
 * @param maxRetryTime no retry starts once the time since the call's first attempt plus the wait before
 *     the retry would exceed this; the time calls wait for a concurrency permit or a paused
 *     endpoint is not counted (the rate cap's is)
 * @param connectTimeout the limit on opening a connection, or empty for the default
 * @param firstByteTimeout the limit on waiting for the reply's first byte (for calls that are not
 *     streamed, the whole generation), and for any gap while reading it; empty for the default
 * @param hedging when an attempt without a reply gets a second one beside it; empty (the default) for never
 */
@API(status = INTERNAL, since = "0.1")
public record RateLimits(int maxConcurrency, OptionalDouble requestsPerSecond, Duration maxRetryTime,
                         Optional<Duration> connectTimeout, Optional<Duration> firstByteTimeout,
                         Optional<Hedging> hedging) {

    /** The default connect timeout: a loopback or LAN server connects in milliseconds, a distant API in well under a second. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** 64 in flight per endpoint, no rate cap, 120 s of retrying. */
    public static final RateLimits DEFAULT = new RateLimits(ConfigKeys.DEFAULT_MAX_CONCURRENCY, OptionalDouble.empty(),
            Duration.ofSeconds(ConfigKeys.DEFAULT_MAX_RETRY_SECONDS));

    /** With the default timeouts. */
    public RateLimits(int maxConcurrency, OptionalDouble requestsPerSecond, Duration maxRetryTime) {
        this(maxConcurrency, requestsPerSecond, maxRetryTime, Optional.empty(), Optional.empty());
    }

    /** With the given timeouts, without hedging. */
    public RateLimits(int maxConcurrency, OptionalDouble requestsPerSecond, Duration maxRetryTime,
                      Optional<Duration> connectTimeout, Optional<Duration> firstByteTimeout) {
        this(maxConcurrency, requestsPerSecond, maxRetryTime, connectTimeout, firstByteTimeout, Optional.empty());
    }

    /** These limits, hedging as {@code hedging} says. */
    public RateLimits withHedging(Hedging hedging) {
        return new RateLimits(maxConcurrency, requestsPerSecond, maxRetryTime, connectTimeout, firstByteTimeout,
                Optional.of(hedging));
    }

    public RateLimits {
        Objects.requireNonNull(requestsPerSecond, "requestsPerSecond");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(firstByteTimeout, "firstByteTimeout");
        Objects.requireNonNull(maxRetryTime, "maxRetryTime");
        Objects.requireNonNull(hedging, "hedging");
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

    /** The connect timeout of an attempt whose whole limit is {@code attempt}: as configured, else 10 s, never more than {@code attempt}. */
    public Duration connectTimeout(Duration attempt) {
        return min(connectTimeout.orElse(DEFAULT_CONNECT_TIMEOUT), attempt);
    }

    /**
     * The first-byte timeout of an attempt whose whole limit is {@code attempt}: as configured, else a third
     * of {@code attempt} (20 s of the default 60 s), never more than {@code attempt}. A stalled server is cut
     * after a third of the attempt's time, and the call retried; a healthy reply that is not streamed
     * arrives at once, after its generation, so a model whose answers take longer raises it.
     */
    public Duration firstByteTimeout(Duration attempt) {
        return min(firstByteTimeout.orElse(attempt.dividedBy(3)), attempt);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
