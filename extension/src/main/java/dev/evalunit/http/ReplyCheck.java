package dev.evalunit.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * How a provider reads a 2xx reply in its wire format, handed to {@link HttpPipeline#execute}: the pipeline
 * reads each attempt's 2xx body with it, and an attempt whose body is not a complete, well-formed reply
 * (truncated or invalid JSON, {@code {}}, no choices, content or candidates: {@link IncompleteReplyException})
 * is retried within the same bounds as a 5xx. A reply that is complete but not an answer (cut at the token
 * limit, filtered, refused) is read, not refused: it is no transient fault, and the provider words it.
 * One per call; read by the thread that executes the call.
 *
 * @param <T> what the provider reads out of a reply
 */
@API(status = INTERNAL, since = "0.1")
public final class ReplyCheck<T> {

    /** Reads one 2xx body. */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param body the whole body as UTF-8, byte order mark removed
         * @throws IncompleteReplyException when the body is not a complete, well-formed reply: retried
         */
        T read(String body) throws IncompleteReplyException;
    }

    private final Reader<T> reader;
    private T value;
    private String body;

    public ReplyCheck(Reader<T> reader) {
        this.reader = reader;
    }

    /** The last attempt's reply as read, or {@code null} when the call did not end with a readable 2xx. */
    public T value() {
        return value;
    }

    /** Reads {@code text}; keeps it, so that the pipeline decodes a body once. */
    void read(String text) throws IncompleteReplyException {
        value = null;
        body = text;
        value = reader.read(text);
    }

    /** A check of its own for a second attempt of the same call ({@link HedgeInterceptor}), with the same reader. */
    ReplyCheck<T> fresh() {
        return new ReplyCheck<>(reader);
    }

    /** Takes what {@code other} (made by {@link #fresh()}) read, when its attempt won. */
    @SuppressWarnings("unchecked")
    void take(ReplyCheck<?> other) {
        value = (T) other.value;
        body = other.body;
    }

    /** The last body read, or {@code null}. */
    String body() {
        return body;
    }
}
