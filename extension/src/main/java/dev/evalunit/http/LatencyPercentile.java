package dev.evalunit.http;

import java.util.Arrays;

/**
 * A cheap running estimate of one percentile of recent latencies: a ring of the last {@value #SIZE}
 * successful attempts, sorted into a second array kept for it every {@value #REFRESH} samples, so that
 * recording costs no allocation and reading is one volatile read. Empty ({@code -1}) until
 * {@value #MIN_SAMPLES} samples are in: a percentile of a handful of replies says little.
 */
final class LatencyPercentile {

    static final int SIZE = 256;
    static final int MIN_SAMPLES = 20;
    static final int REFRESH = 16;

    private final double percentile;
    private final long[] ring = new long[SIZE];
    private final long[] sorted = new long[SIZE];
    private long count;
    private volatile long current = -1;

    /** @param percentile from 50 to 99.9 */
    LatencyPercentile(double percentile) {
        this.percentile = percentile;
    }

    synchronized void record(long nanos) {
        ring[(int) (count % SIZE)] = nanos;
        count++;
        if (count >= MIN_SAMPLES && (current < 0 || count % REFRESH == 0)) {
            int n = (int) Math.min(count, SIZE);
            System.arraycopy(ring, 0, sorted, 0, n);
            Arrays.sort(sorted, 0, n);
            int index = (int) Math.ceil(percentile / 100 * n) - 1;
            current = sorted[Math.max(0, Math.min(n - 1, index))];
        }
    }

    /** The latency at the percentile, in nanoseconds, or {@code -1} while too few samples are in. */
    long nanos() {
        return current;
    }
}
