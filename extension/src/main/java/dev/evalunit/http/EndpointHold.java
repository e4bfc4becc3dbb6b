package dev.evalunit.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Holds new attempts on one endpoint after a success reported the request budget used up
 * ({@code x-ratelimit-remaining-requests: 0}, or Anthropic's {@code anthropic-ratelimit-requests-remaining: 0}),
 * until the reset it gave
 * has passed: waiting is cheaper than collecting the 429s the next attempts would get. Shared by
 * every model on the endpoint. Each attempt waits once for the hold it sees, without polling again,
 * so a test's clock that does not move cannot keep it waiting.
 */
final class EndpointHold implements Interceptor {

    private final Backoff time;
    private Instant heldUntil = Instant.MIN;

    /** @param time the clock that holds are measured with and the sleeper that waits them out */
    EndpointHold(Backoff time) {
        this.time = time;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Duration wait = remainingHold();
        if (!wait.isZero() && !wait.isNegative()) {
            pause(wait);
        }
        Response response = chain.proceed(chain.request());
        if (response.isSuccessful()) {
            RateLimitHeaders.requestsExhausted(response.headers(), time.clock()).ifPresent(this::holdFor);
        }
        return response;
    }

    /** How long an attempt starting now would wait; zero when there is no hold. */
    synchronized Duration remainingHold() {
        Instant now = time.clock().instant();
        return now.isBefore(heldUntil) ? Duration.between(now, heldUntil) : Duration.ZERO;
    }

    private synchronized void holdFor(Duration reset) {
        Instant until = time.clock().instant().plus(reset);
        if (until.isAfter(heldUntil)) {
            heldUntil = until;
        }
    }

    private void pause(Duration wait) throws InterruptedIOException {
        try {
            time.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the rate limit to reset");
        }
    }
}
