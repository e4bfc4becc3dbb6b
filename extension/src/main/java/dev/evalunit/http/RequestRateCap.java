package dev.evalunit.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A fixed cap on one model's attempts per second: a token bucket of burst 1, so attempts start at
 * least {@code 1 / rate} apart and an idle model may start one at once. Each attempt reserves the
 * next free start time and sleeps until it once, so waiting threads keep their order and a test's
 * clock that does not move cannot make them poll for ever. Blocks the calling thread.
 */
final class RequestRateCap implements Interceptor {

    private final Duration interval;
    private final Backoff time;
    private Instant nextStart = Instant.MIN;

    /** @param time the clock the spacing is measured with and the sleeper that waits */
    RequestRateCap(double requestsPerSecond, Backoff time) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive and finite, but was " + requestsPerSecond);
        }
        this.interval = Duration.ofNanos(Math.max(1, Math.round(1_000_000_000d / requestsPerSecond)));
        this.time = time;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Duration wait = reserve();
        if (!wait.isZero() && !wait.isNegative()) {
            try {
                time.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the request rate cap");
            }
        }
        return chain.proceed(chain.request());
    }

    /** Takes the next start time and says how long until it. */
    synchronized Duration reserve() {
        Instant now = time.clock().instant();
        Instant start = nextStart.isAfter(now) ? nextStart : now;
        nextStart = start.plus(interval);
        return Duration.between(now, start);
    }

    Duration interval() {
        return interval;
    }
}
