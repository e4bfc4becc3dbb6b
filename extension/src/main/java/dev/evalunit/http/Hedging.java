package dev.evalunit.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * When an attempt that has had no reply yet gets a second one beside it (off unless a model sets
 * {@code hedge-after-percentile}): after the model's observed latency at {@code percentile} on its endpoint,
 * and never before {@code minimum}. The first reply wins; the other attempt is cancelled.
 *
 * @param percentile of the recent successful attempts' latencies, from 50 to 99.9, e.g. 95
 * @param minimum the floor of the wait, so that a fast server's jitter does not double its calls
 */
@API(status = INTERNAL, since = "0.1")
public record Hedging(double percentile, Duration minimum) {

    /** The lowest percentile accepted: below the median, most calls would be sent twice. */
    public static final double LOWEST_PERCENTILE = 50;
    /** The highest percentile accepted. */
    public static final double HIGHEST_PERCENTILE = 99.9;
    /** The floor when none is configured. */
    public static final Duration DEFAULT_MINIMUM = Duration.ofMillis(100);

    public Hedging {
        Objects.requireNonNull(minimum, "minimum");
        if (!(percentile >= LOWEST_PERCENTILE && percentile <= HIGHEST_PERCENTILE)) {
            throw new IllegalArgumentException("percentile must be from 50 to 99.9, but was " + percentile);
        }
        if (minimum.isNegative() || minimum.isZero()) {
            throw new IllegalArgumentException("minimum must be positive, but was " + minimum);
        }
    }

    // Written out: part of a hash key met on the way to a run's first call (see HttpPipelines' keys).
    @Override
    public boolean equals(Object other) {
        return other instanceof Hedging that && Double.compare(percentile, that.percentile) == 0
                && minimum.equals(that.minimum);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(percentile) + minimum.hashCode();
    }
}
