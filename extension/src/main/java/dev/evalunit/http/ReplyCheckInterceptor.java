package dev.evalunit.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Reads each attempt's 2xx body with the call's {@link ReplyCheck}, when it has one, and fails an attempt
 * whose body is incomplete with an {@link UnreadableAttempt}, which {@link RetryInterceptor} retries. A
 * non-blank body that does not even start as JSON is handed on unread: it is a web page, not a fault of
 * this attempt, and {@link UnusableReplies} tells what to check. The body is already buffered
 * ({@link AttemptTimer}).
 */
final class ReplyCheckInterceptor implements Interceptor {

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        ReplyCheck<?> check = chain.request().tag(ReplyCheck.class);
        if (check == null || !response.isSuccessful()) {
            return response;
        }
        // A look at the bytes, which stay for the steps before this one; not peekBody, which parses the Content-Type.
        String body = HttpPipeline.withoutByteOrderMark(response.body().source().peek().readUtf8());
        if (!body.isBlank() && !ServerQuote.looksLikeJson(body)) {
            return response;
        }
        try {
            check.read(body);
            return response;
        } catch (IncompleteReplyException e) {
            response.close();
            throw new UnreadableAttempt(response.code(), body.isBlank() ? "empty body" : e.getMessage(), body);
        }
    }
}
