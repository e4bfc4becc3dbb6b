package dev.evalunit.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Pauses new attempts on one endpoint until a time the server gave, shared by every model on the
 * endpoint:
 * <ul>
 *   <li>after a 429 (or 503, 529) that says how long to wait ({@code Retry-After}, {@code retry-after-ms},
 *       the rate-limit reset headers): no attempt starts before then. The endpoint's concurrency limit
 *       stays as it is, so calls flow at full width again once the pause is over;</li>
 *   <li>after a success that reported the request budget used up ({@code x-ratelimit-remaining-requests: 0},
 *       or Anthropic's {@code anthropic-ratelimit-requests-remaining: 0}), until the reset it gave: waiting
 *       is cheaper than collecting the 429s the next attempts would get.</li>
 * </ul>
 * Each attempt waits once for the pause it sees, without polling again, so a test's clock that does not
 * move cannot keep it waiting; a retry whose own wait already lasts until the pause ends does not wait
 * again. The wait is queueing ({@link AttemptRecord#queued()}), not retry time.
 */
final class EndpointHold implements Interceptor {

    /** How often the endpoint was paused for a 429's wait, and for how long in all. */
    record Pauses(int count, Duration total) {
    }

    private final Backoff time;
    private Instant heldUntil = Instant.MIN;
    private Instant pauseBegan = Instant.MIN;
    private int pauses;
    private Duration paused = Duration.ZERO;

    /** @param time the clock that holds are measured with and the sleeper that waits them out */
    EndpointHold(Backoff time) {
        this.time = time;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Instant now = time.clock().instant();
        Duration wait = remainingHold(chain.request(), now);
        boolean held = !wait.isZero() && !wait.isNegative();
        if (held) {
            pause(wait);
            AttemptRecord.queued(chain.request(), wait);
        }
        Instant sent = held ? now.plus(wait) : now;
        Response response = chain.proceed(chain.request());
        if (response.isSuccessful()) {
            RateLimitHeaders.requestsExhausted(response.headers(), time.clock()).ifPresent(this::holdFor);
        } else if (RetryInterceptor.RATE_LIMIT_CODES.contains(response.code())) {
            RateLimitHeaders.retryWait(response.headers(), time.clock()).ifPresent(asked -> pauseFor(asked, sent));
        }
        return response;
    }

    /**
     * How long an attempt starting now would wait; zero when there is no hold, or when its call has just
     * waited until the hold's end or later (the pause its own 429 set).
     */
    synchronized Duration remainingHold(Request request, Instant now) {
        return now.isBefore(heldUntil) && AttemptRecord.waitedUntil(request).isBefore(heldUntil)
                ? Duration.between(now, heldUntil) : Duration.ZERO;
    }

    synchronized Pauses pauses() {
        return new Pauses(pauses, paused);
    }

    private synchronized void holdFor(Duration reset) {
        Instant until = time.clock().instant().plus(reset);
        if (until.isAfter(heldUntil)) {
            heldUntil = until;
        }
    }

    /**
     * Pauses the endpoint for {@code wait} from now, once per window: a 429 to an attempt sent before the
     * pause in force began was sent at the old pace, and that pause has answered it (its own call still
     * waits as asked before retrying). Otherwise the 429s of the attempts in flight when a storm starts
     * would keep the endpoint paused for ever, each extending the last.
     */
    private synchronized void pauseFor(Duration wait, Instant sent) {
        Instant now = time.clock().instant();
        Instant until = now.plus(wait);
        if (!until.isAfter(heldUntil) || wait.isZero() || sent.isBefore(pauseBegan)) {
            return;
        }
        if (!now.isBefore(heldUntil)) {
            pauses++;
            paused = paused.plus(wait);
            pauseBegan = now;
        } else {
            paused = paused.plus(Duration.between(heldUntil, until));
        }
        heldUntil = until;
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
