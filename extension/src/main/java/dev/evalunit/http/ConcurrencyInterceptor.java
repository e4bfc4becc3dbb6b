package dev.evalunit.http;

import dev.evalunit.http.AdaptiveConcurrency.Permit;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Takes a permit of the endpoint's {@link AdaptiveConcurrency} before each attempt and gives it back
 * after, whatever the end: an answer, a timeout (a stalled attempt gives its permit back when its
 * timeout cuts it), a cancellation or any exception. Tells the limit how the attempt went: a 429 that
 * names a wait leaves the limit as it is (the {@link EndpointHold} pauses instead), one that names none
 * may halve it. The attempt ends once its body is read (the chain below buffers it), so a slow body
 * still counts as in flight. The wait for the permit is the call's queueing, not its retry time: it is
 * added to the call's {@link AttemptRecord}.
 */
final class ConcurrencyInterceptor implements Interceptor {

    private final AdaptiveConcurrency limit;
    private final Clock clock;

    ConcurrencyInterceptor(AdaptiveConcurrency limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        long asked = clock.millis();
        Permit permit = acquire();
        long waited = clock.millis() - asked;
        if (waited > 0) {
            AttemptRecord.queued(chain.request(), Duration.ofMillis(waited));
        }
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException | RuntimeException | Error e) {
            limit.finished(permit);
            throw e;
        }
        if (response.code() == 429) {
            if (RateLimitHeaders.retryWait(response.headers(), clock).isPresent()) {
                limit.paused(permit);
            } else {
                limit.rateLimited(permit);
            }
        } else if (response.isSuccessful()) {
            limit.succeeded(permit);
        } else {
            limit.finished(permit);
        }
        return response;
    }

    private Permit acquire() throws InterruptedIOException {
        try {
            return limit.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a concurrency permit");
        }
    }
}
