package dev.evalunit.http;

import java.util.Optional;

/**
 * An AIMD limit on the attempts in flight at one endpoint, shared by every model that calls it. The
 * limit starts at the maximum and halves on a 429 that names no wait, at most once per congestion
 * window and never below the {@linkplain #floor floor}; after the storm it doubles back to the maximum,
 * once per window of successes (from the floor, an eighth, that is three windows).
 *
 * <p>A congestion window is the attempts in flight when the limit last changed: only a 429 to an
 * attempt that started under the current limit halves it; the others were sent at the old rate, and
 * the one halving has answered them too. A window of successes is as many successes in a row as the
 * limit. A 429 that says how long to wait ({@code Retry-After} and the like) does not lower the limit:
 * the endpoint's {@link EndpointHold} pauses new attempts until then instead. Other failures (5xx, I/O,
 * timeouts) neither grow nor shrink the limit; their permits come back all the same.
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

    /** What the limit went through, for the summary at the end of a run. */
    record History(int decreases, int lowest, int limit, int maximum) {
    }

    private int maximum;
    private int limit;
    private int inFlight;
    private int successes;
    // Bumped on each decrease, so that a burst of 429s answering one limit halves it once.
    private long generation;
    private int decreases;
    private int lowest;

    AdaptiveConcurrency(int maximum) {
        if (maximum < 1) {
            throw new IllegalArgumentException("maximum must be positive, but was " + maximum);
        }
        this.maximum = maximum;
        this.limit = maximum;
        this.lowest = maximum;
    }

    /**
     * The lowest the limit goes: an eighth of the maximum (three halvings), at least 1. A 429 storm is
     * nearly always a quota per minute or an overloaded service that says when to come back, which the
     * endpoint's pause answers; below an eighth of what the user declared the endpoint takes, fewer
     * calls in flight hardly lowers the rate sent during a storm but makes the run crawl after it.
     */
    static int floor(int maximum) {
        return Math.max(1, (maximum + 7) / 8);
    }

    /** Lowers the ceiling (and the limit) when another model declares a smaller one for this endpoint. */
    synchronized void lowerMaximum(int declared) {
        if (declared < maximum) {
            maximum = Math.max(1, declared);
            limit = Math.min(limit, maximum);
            lowest = Math.min(lowest, limit);
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
            limit = Math.min(maximum, 2 * limit);
            successes = 0;
            notifyAll();
        }
    }

    /**
     * The attempt got a 429 that names no wait.
     *
     * @return the change when this 429 halved the limit, or empty when it changed nothing
     */
    synchronized Optional<Decrease> rateLimited(Permit permit) {
        release();
        successes = 0;
        int to = Math.max(floor(maximum), limit / 2);
        if (permit.generation != generation || to >= limit) {
            return Optional.empty();
        }
        Decrease decrease = new Decrease(limit, to);
        limit = to;
        lowest = Math.min(lowest, limit);
        decreases++;
        generation++;
        return Optional.of(decrease);
    }

    /** The attempt got a 429 that names a wait (the endpoint pauses): no change to the limit. */
    synchronized void paused(Permit permit) {
        release();
        successes = 0;
    }

    /** The attempt ended otherwise (another status, an I/O failure, a timeout, a cancellation). */
    synchronized void finished(Permit permit) {
        release();
    }

    synchronized int limit() {
        return limit;
    }

    synchronized int maximum() {
        return maximum;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized History history() {
        return new History(decreases, lowest, limit, maximum);
    }

    // One slot freed, one waiter woken: every waiter waits for the same thing, and waking them all on
    // each finished call (hundreds of threads when evalunit.concurrency exceeds the limit) costs CPU.
    private void release() {
        inFlight--;
        notify();
    }
}
