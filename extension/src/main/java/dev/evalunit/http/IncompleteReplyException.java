package dev.evalunit.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A 2xx body that is not a complete, well-formed reply in the provider's wire format: a transient fault,
 * retried like a 5xx ({@link ReplyCheck}). Once the retries are exhausted, the call fails with
 * {@code unreadable reply after 3 attempts: HTTP 200, <this message>: <a quote of the body>}.
 */
@API(status = INTERNAL, since = "0.1")
public final class IncompleteReplyException extends Exception {

    /** @param what what is wrong, as a sentence fragment: {@code not JSON}, {@code no choices[0].message.content} */
    public IncompleteReplyException(String what) {
        super(what, null, false, false);
    }
}
