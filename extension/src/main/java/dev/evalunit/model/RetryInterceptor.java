package dev.evalunit.model;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Retries a call on 429, 500, 502, 503, 504 and I/O failures (timeouts included), at most
 * {@code maxRetries} times, waiting as {@link Backoff} says or, on 429 and 503, as the server's
 * {@code Retry-After} says. An attempt includes reading the whole body, so a connection dropped
 * mid-body is retried like any other I/O failure; the response handed on is therefore buffered.
 * The client's own connection retries are off, so every attempt is one counted here.
 */
final class RetryInterceptor implements Interceptor {

    private static final Set<Integer> RETRYABLE_CODES = Set.of(429, 500, 502, 503, 504);
    private static final Set<Integer> RETRY_AFTER_CODES = Set.of(429, 503);

    private final int maxRetries;
    private final Backoff backoff;

    RetryInterceptor(int maxRetries, Backoff backoff) {
        this.maxRetries = maxRetries;
        this.backoff = backoff;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        AttemptRecord record = Optional.ofNullable(request.tag(AttemptRecord.class)).orElseGet(AttemptRecord::new);
        for (int retry = 1; ; retry++) {
            boolean lastAttempt = retry > maxRetries;
            long start = System.nanoTime();
            Duration delay;
            try {
                Response response = chain.proceed(request);
                if (lastAttempt || !RETRYABLE_CODES.contains(response.code())) {
                    Response complete = buffered(response);
                    record.attemptFinished(System.nanoTime() - start);
                    return complete;
                }
                Optional<Duration> asked = serverDelay(response);
                delay = asked.isPresent() ? asked.get() : backoff.delayBefore(retry);
                response.close();
            } catch (IOException e) {
                if (lastAttempt || chain.call().isCanceled()) {
                    record.attemptFinished(System.nanoTime() - start);
                    throw e;
                }
                delay = backoff.delayBefore(retry);
            }
            record.attemptFinished(System.nanoTime() - start);
            pause(delay);
        }
    }

    private Optional<Duration> serverDelay(Response response) {
        if (!RETRY_AFTER_CODES.contains(response.code())) {
            return Optional.empty();
        }
        return RetryAfter.parse(response.header("Retry-After"), backoff.clock());
    }

    private void pause(Duration delay) throws InterruptedIOException {
        try {
            backoff.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    private static Response buffered(Response response) throws IOException {
        try (ResponseBody body = response.body()) {
            byte[] bytes = body.bytes();
            return response.newBuilder().body(ResponseBody.create(bytes, body.contentType())).build();
        }
    }
}
