package dev.evalunit.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.apiguardian.api.API;

/**
 * How long to wait before a retry, and the waiting itself: exponential backoff with full jitter
 * (a uniformly random delay between zero and {@code min(cap, base * 2^(retry - 1))}), unless the
 * server said how long ({@link RateLimitHeaders}). Tests inject the random source, the sleeper and the
 * clock; the rate cap, the endpoint hold and the retry time limit wait and measure with the same two.
 */
@API(status = INTERNAL, since = "0.1")
public final class Backoff {

    /** Waits; tests record the delay instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    public static final Duration DEFAULT_BASE = Duration.ofMillis(200);
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(10);

    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;
    private final Sleeper sleeper;
    private final Clock clock;

    /**
     * @param random values in {@code [0, 1)}
     * @param clock the time that {@code Retry-After} dates are compared with
     */
    public Backoff(Duration base, Duration cap, DoubleSupplier random, Sleeper sleeper, Clock clock) {
        this.base = base;
        this.cap = cap;
        this.random = random;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** Base 200 ms, cap 10 s, really sleeping. */
    public static Backoff standard() {
        return new Backoff(DEFAULT_BASE, DEFAULT_CAP, () -> ThreadLocalRandom.current().nextDouble(),
                delay -> Thread.sleep(delay.toMillis()), Clock.systemUTC());
    }

    /** Retries at once: for tests of code that calls models through a local server. */
    public static Backoff withoutWaiting() {
        return new Backoff(DEFAULT_BASE, DEFAULT_CAP, () -> 0.0, delay -> {
        }, Clock.systemUTC());
    }

    /** The delay before retry number {@code retry} (1 for the first retry). */
    public Duration delayBefore(int retry) {
        // Doubling stops at 2^20, far beyond any sensible cap, so the product cannot overflow.
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(Math.max(retry - 1, 0), 20));
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }

    /** Waits {@code delay}, giving the calling worker's {@link CallSlots place} to another task meanwhile. */
    public void sleep(Duration delay) throws InterruptedException {
        CallSlots.whileWaiting(sleeper, delay);
    }

    Clock clock() {
        return clock;
    }
}
