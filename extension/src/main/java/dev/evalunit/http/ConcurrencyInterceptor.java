package dev.evalunit.http;

import dev.evalunit.http.AdaptiveConcurrency.Permit;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.function.Consumer;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Takes a permit of the endpoint's {@link AdaptiveConcurrency} before each attempt and gives it back
 * after, telling the limit how the attempt went. The attempt ends once its body is read (the chain
 * below buffers it), so a slow body still counts as in flight. One per model: the log line names it.
 */
final class ConcurrencyInterceptor implements Interceptor {

    private final AdaptiveConcurrency limit;
    private final Endpoint endpoint;
    private final String modelName;
    private final Consumer<String> log;

    ConcurrencyInterceptor(AdaptiveConcurrency limit, Endpoint endpoint, String modelName, Consumer<String> log) {
        this.limit = limit;
        this.endpoint = endpoint;
        this.modelName = modelName;
        this.log = log;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Permit permit = acquire();
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException | RuntimeException | Error e) {
            limit.finished(permit);
            throw e;
        }
        if (response.code() == 429) {
            // Printed outside the limiter's lock, once per change: only the halving 429 gets a decrease.
            limit.rateLimited(permit).ifPresent(decrease -> log.accept("[evalunit] model [" + modelName + "]: 429 from "
                    + endpoint + ", concurrency " + decrease.from() + " -> " + decrease.to()));
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
