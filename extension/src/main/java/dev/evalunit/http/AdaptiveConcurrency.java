package dev.evalunit.http;

import java.util.Optional;

/**
 * An AIMD limit on the attempts in flight at one endpoint, shared by every model that calls it. The
 * limit starts at the maximum, halves (to no less than 1) on a 429, and grows by one after as many
 * consecutive successes as the limit itself, up to the maximum: it backs off fast and probes slowly.
 *
 * <p>Only a 429 from an attempt that started under the current limit halves it; the others that were
 * already in flight were sent at the old rate, so the one halving has answered them too. Other
 * failures (5xx, I/O) neither grow nor shrink the limit.
 */
final class AdaptiveConcurrency {

    /** One attempt's hold on the limit. */
    static final class Permit {
        private final long generation;

        private Permit(long generation) {
            this.generation = generation;
        }
    }

    /** A halving of the limit. */
    record Decrease(int from, int to) {
    }

    private int maximum;
    private int limit;
    private int inFlight;
    private int successes;
    // Bumped on each decrease, so that a burst of 429s answering one limit halves it once.
    private long generation;

    AdaptiveConcurrency(int maximum) {
        if (maximum < 1) {
            throw new IllegalArgumentException("maximum must be positive, but was " + maximum);
        }
        this.maximum = maximum;
        this.limit = maximum;
    }

    /** Lowers the ceiling (and the limit) when another model declares a smaller one for this endpoint. */
    synchronized void lowerMaximum(int declared) {
        if (declared < maximum) {
            maximum = Math.max(1, declared);
            limit = Math.min(limit, maximum);
        }
    }

    /** Blocks the calling thread until an attempt may start. */
    synchronized Permit acquire() throws InterruptedException {
        while (inFlight >= limit) {
            wait();
        }
        inFlight++;
        return new Permit(generation);
    }

    /** The attempt ended with a success (2xx): counts towards growing the limit. */
    synchronized void succeeded(Permit permit) {
        release();
        successes++;
        if (successes >= limit && limit < maximum) {
            limit++;
            successes = 0;
            notifyAll();
        }
    }

    /**
     * The attempt was rate limited (429).
     *
     * @return the change when this 429 halved the limit, or empty when it changed nothing
     */
    synchronized Optional<Decrease> rateLimited(Permit permit) {
        release();
        successes = 0;
        if (permit.generation != generation || limit == 1) {
            return Optional.empty();
        }
        Decrease decrease = new Decrease(limit, Math.max(1, limit / 2));
        limit = decrease.to();
        generation++;
        return Optional.of(decrease);
    }

    /** The attempt ended otherwise (another status or an I/O failure). */
    synchronized void finished(Permit permit) {
        release();
    }

    synchronized int limit() {
        return limit;
    }

    synchronized int maximum() {
        return maximum;
    }

    // One slot freed, one waiter woken: every waiter waits for the same thing, and waking them all on
    // each finished call (hundreds of threads when evalunit.concurrency exceeds the limit) costs CPU.
    private void release() {
        inFlight--;
        notify();
    }
}
