package dev.evalunit.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries a call on 429, 500, 502, 503, 504, 529 (Anthropic's {@code overloaded_error}) and I/O failures (timeouts included), within two bounds:
 * at most {@code maxRetries} retries, and no retry that would start later than {@code maxRetryTime}
 * after the first attempt began. The retry clock counts the attempts and the waits between them, not the
 * time the call queued for a concurrency permit or a paused endpoint ({@link AttemptRecord#queued()}; the rate
 * cap, the model's own declared pace, counts):
 * a call that waited behind slow ones still gets its retries. It waits as {@link Backoff} says or, on 429, 503 and 529,
 * as the server's rate-limit headers say ({@link RateLimitHeaders}).
 *
 * <p>A 429 that names a wait longer than zero is the server scheduling the call, not a failure of it: it
 * is not counted against {@code maxRetries}; the call waits as asked and tries again, as long as the retry
 * time limit allows (a 429 storm with {@code Retry-After: 2} and the default 120 s lets a call wait out
 * some 60 of them). Every other retried reply or failure counts, so a call sends at most
 * {@code maxRetries + 1} requests that were not so scheduled. The client's own connection retries are
 * off, so every attempt is one seen here; the interceptors after this one run once per attempt.
 */
final class RetryInterceptor implements Interceptor {

    private static final Set<Integer> RETRYABLE_CODES = Set.of(429, 500, 502, 503, 504, 529);
    /** Statuses whose rate-limit headers say how long to wait (read by {@link EndpointHold} too). */
    static final Set<Integer> RATE_LIMIT_CODES = Set.of(429, 503, 529);

    private final int maxRetries;
    private final Duration maxRetryTime;
    private final Backoff backoff;

    RetryInterceptor(int maxRetries, Duration maxRetryTime, Backoff backoff) {
        this.maxRetries = maxRetries;
        this.maxRetryTime = maxRetryTime;
        this.backoff = backoff;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (request.tag(AttemptRecord.class) == null) {
            request = request.newBuilder().tag(AttemptRecord.class, new AttemptRecord(CallTally.current())).build();
        }
        AttemptRecord record = request.tag(AttemptRecord.class);
        Clock clock = backoff.clock();
        Instant firstAttempt = clock.instant();
        Duration scheduledWaits = Duration.ZERO;
        for (int retry = 1; ; ) {
            boolean lastAttempt = retry > maxRetries;
            record.attemptStarted();
            Duration delay;
            try {
                Response response = chain.proceed(request);
                if (!response.isSuccessful()) {
                    record.attemptAnswered(response.code());
                }
                if (!RETRYABLE_CODES.contains(response.code())) {
                    return response;
                }
                Optional<Duration> asked = serverDelay(response);
                boolean scheduled = response.code() == 429 && asked.isPresent() && !asked.get().isZero();
                if (lastAttempt && !scheduled) {
                    return response;
                }
                delay = asked.isPresent() ? asked.get() : backoff.delayBefore(retry);
                if (beyondTimeLimit(firstAttempt, scheduledWaits, delay, clock, record)) {
                    record.retryTimeLimitReached();
                    return response;
                }
                response.close();
                if (scheduled) {
                    scheduledWaits = scheduledWaits.plus(delay);
                } else {
                    retry++;
                }
            } catch (IOException e) {
                record.attemptFailed(e, interrupted(e));
                if (lastAttempt || chain.call().isCanceled() || interrupted(e)) {
                    throw e;
                }
                delay = backoff.delayBefore(retry);
                if (beyondTimeLimit(firstAttempt, scheduledWaits, delay, clock, record)) {
                    record.retryTimeLimitReached();
                    throw e;
                }
                retry++;
            }
            record.waitingUntil(clock.instant().plus(delay));
            pause(delay);
        }
    }

    /**
     * Whether waiting {@code delay} more would pass the retry time limit: the time since the first attempt
     * without the queueing, and at least the waits the server scheduled (so that the limit binds a 429 storm
     * even on a clock that does not move while a test's sleeper does not sleep).
     */
    private boolean beyondTimeLimit(Instant firstAttempt, Duration scheduledWaits, Duration delay, Clock clock,
                                    AttemptRecord record) {
        Duration retrying = Duration.between(firstAttempt, clock.instant()).minus(record.queued());
        Duration spent = retrying.compareTo(scheduledWaits) >= 0 ? retrying : scheduledWaits;
        return spent.plus(delay).compareTo(maxRetryTime) > 0;
    }

    private Optional<Duration> serverDelay(Response response) {
        if (!RATE_LIMIT_CODES.contains(response.code())) {
            return Optional.empty();
        }
        return RateLimitHeaders.retryWait(response.headers(), backoff.clock());
    }

    // A wait for a permit, cap or hold that was interrupted ends the call; a socket timeout is an
    // InterruptedIOException too, but leaves the thread's flag clear and is retried.
    private static boolean interrupted(IOException e) {
        return e instanceof InterruptedIOException && Thread.currentThread().isInterrupted();
    }

    private void pause(Duration delay) throws InterruptedIOException {
        try {
            backoff.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
