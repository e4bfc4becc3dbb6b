package dev.evalunit.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps OkHttp from retrying a 503 on its own. OkHttp's follow-up logic re-sends a 503 whose
 * {@code Retry-After} is 0 once, below {@link RetryInterceptor}, so one counted attempt could reach
 * the server twice and the retry bound would not hold. As a network interceptor this runs before that
 * logic sees the response, and moves the header to {@link #HEADER}, where {@link RateLimitHeaders}
 * still reads it.
 */
final class HiddenRetryAfter implements Interceptor {

    static final String HEADER = "X-Evalunit-Retry-After";

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        String retryAfter = response.header(RateLimitHeaders.RETRY_AFTER);
        if (response.code() != 503 || retryAfter == null) {
            return response;
        }
        return response.newBuilder().removeHeader(RateLimitHeaders.RETRY_AFTER).header(HEADER, retryAfter).build();
    }
}
