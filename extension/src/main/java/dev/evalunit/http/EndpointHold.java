package dev.evalunit.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Pauses new attempts on one endpoint until a time the server gave, shared by every model on the
 * endpoint:
 * <ul>
 *   <li>after a 429 (or 503, 529) that says how long to wait ({@code Retry-After}, {@code retry-after-ms},
 *       the rate-limit reset headers), when the rate limits cluster: at least {@value #STORM_REPLIES} of the
 *       endpoint's last {@value #STORM_WINDOW} replies were rate-limited, or the reply said the request budget
 *       is used up. Then no attempt starts before the time asked. The endpoint's concurrency limit stays as it
 *       is, so calls flow at full width again once the pause is over. An isolated 429 pauses no one but its
 *       own call, which waits as asked before retrying ({@link RetryInterceptor}): a 429 now and then is
 *       a busy server, not a quota every call shares;</li>
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

    /** How many of the endpoint's latest replies are looked at to tell a storm from an isolated 429. */
    static final int STORM_WINDOW = 8;
    /** How many rate-limited replies among the latest {@value #STORM_WINDOW} make a storm. */
    static final int STORM_REPLIES = 4;

    private final Backoff time;
    /** Replies seen, numbered: the one counter every attempt moves. */
    private final AtomicLong replies = new AtomicLong();
    /** The reply numbers of the latest {@value #STORM_REPLIES} rate-limited replies, a ring. */
    private final long[] rateLimited = new long[STORM_REPLIES];
    private int nextRateLimited;
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
        long reply = replies.incrementAndGet();
        if (response.isSuccessful()) {
            RateLimitHeaders.requestsExhausted(response.headers(), time.clock()).ifPresent(this::holdFor);
        } else if (RetryInterceptor.RATE_LIMIT_CODES.contains(response.code())) {
            Optional<Duration> asked = RateLimitHeaders.retryWait(response.headers(), time.clock());
            boolean storm = (response.code() == 429 || asked.isPresent()) && rateLimited(reply);
            boolean exhausted = RateLimitHeaders.requestsExhausted(response.headers(), time.clock()).isPresent();
            if (asked.isPresent() && (storm || exhausted)) {
                pauseFor(asked.get(), sent);
            }
        }
        return response;
    }

    /**
     * Notes rate-limited reply number {@code reply}; true when it makes {@value #STORM_REPLIES} of the
     * latest {@value #STORM_WINDOW} replies.
     */
    private synchronized boolean rateLimited(long reply) {
        rateLimited[nextRateLimited] = reply;
        nextRateLimited = (nextRateLimited + 1) % STORM_REPLIES;
        long oldest = rateLimited[nextRateLimited];
        return oldest > 0 && reply - oldest < STORM_WINDOW;
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
