package dev.evalunit.http;

import java.io.IOException;

/**
 * An attempt answered 2xx with a body its {@link ReplyCheck} could not read: an I/O failure to
 * {@link RetryInterceptor}, so retried within its bounds; once they are exhausted, {@link HttpPipeline}
 * words it as an unreadable reply. Carries the raw body: the pipeline scrubs it before quoting.
 */
final class UnreadableAttempt extends IOException {

    private final int code;
    private final transient String body;

    UnreadableAttempt(int code, String what, String body) {
        super(what);
        this.code = code;
        this.body = body;
    }

    int code() {
        return code;
    }

    String body() {
        return body;
    }
}
