package dev.evalunit.http;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model's hedging on one endpoint, shared by its pipelines: the latency estimate the wait before a
 * second attempt follows, and the counts of second attempts sent and won, summed up when the run ends.
 */
final class Hedges {

    private final Hedging hedging;
    private final LatencyPercentile latencies;
    private final long minimumNanos;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger won = new AtomicInteger();

    Hedges(Hedging hedging) {
        this.hedging = hedging;
        this.latencies = new LatencyPercentile(hedging.percentile());
        this.minimumNanos = hedging.minimum().toNanos();
    }

    /** How long an attempt waits for its reply before a second one is sent; {@code -1}: none yet (too few replies seen). */
    long delayNanos() {
        long percentile = latencies.nanos();
        return percentile < 0 ? -1 : Math.max(percentile, minimumNanos);
    }

    /** The latency of an attempt that answered with a 2xx. */
    void answered(long nanos) {
        latencies.record(nanos);
    }

    void sent() {
        sent.incrementAndGet();
    }

    void won() {
        won.incrementAndGet();
    }

    int sentCount() {
        return sent.get();
    }

    int wonCount() {
        return won.get();
    }

    /**
     * {@code hedged model [judge] on host:port: 80 second attempts sent after the p95 latency (at least 100 ms;
     * last 140 ms), 76 won}, or {@code null} when none was sent.
     */
    String summary(String model, Endpoint endpoint) {
        int count = sent.get();
        if (count == 0) {
            return null;
        }
        long delay = delayNanos();
        return "[evalunit] hedged model [" + model + "] on " + endpoint + ": " + count + " second attempt"
                + (count == 1 ? "" : "s") + " sent after the p" + format(hedging.percentile()) + " latency (at least "
                + hedging.minimum().toMillis() + " ms; last " + TimeUnit.NANOSECONDS.toMillis(Math.max(delay, 0))
                + " ms), " + won.get() + " won";
    }

    private static String format(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile)
                : String.format(Locale.ROOT, "%s", percentile);
    }
}
