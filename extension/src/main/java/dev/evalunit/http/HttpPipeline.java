package dev.evalunit.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.apiguardian.api.API;

/**
 * One model's way to its server, made by {@link HttpPipelines}: a configured OkHttp client (retries,
 * backoff, {@code Retry-After}, rate cap, endpoint hold, adaptive concurrency, timeouts) and the
 * messages of failed calls, with the API key scrubbed. An HTTP provider gets it with
 * {@code context.unwrap(HttpPipeline.class)} and adds only its wire format: it builds a request,
 * {@link #execute}s it, and reads the {@link HttpExchange}. Thread safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class HttpPipeline {

    private final String modelName;
    private final Duration timeout;
    private final Duration maxRetryTime;
    private final HttpUrl baseUrl;
    private final OkHttpClient client;
    private final SecretScrubber scrubber;

    HttpPipeline(ModelSpec spec, RateLimits limits, HttpUrl baseUrl, OkHttpClient client, SecretScrubber scrubber) {
        this.modelName = spec.name();
        this.timeout = spec.timeout();
        this.maxRetryTime = limits.maxRetryTime();
        this.baseUrl = baseUrl;
        this.client = client;
        this.scrubber = scrubber;
    }

    /** The model's base URL, parsed: add path segments to it (a query such as {@code ?api-version=} stays). */
    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /**
     * The configured client, for a provider that needs more than {@link #execute} (e.g. streaming).
     * Its calls are retried and limited like those of {@link #execute}, but their failures are the
     * provider's to word.
     */
    public OkHttpClient client() {
        return client;
    }

    /**
     * Sends one call, retries included, and reads the whole answer as UTF-8.
     *
     * @return the last attempt's status and body, whatever the status: {@link #httpError} words a failure
     * @throws ModelCallException when no answer came: a timeout, a connection failure, an interruption;
     *     the message names the model and the attempts, and never contains the key
     */
    public HttpExchange execute(Request.Builder request) throws ModelCallException {
        AttemptRecord attempts = new AttemptRecord();
        try (Response response = client.newCall(request.tag(AttemptRecord.class, attempts).build()).execute()) {
            return new HttpExchange(response.code(), text(response.body()), attempts(attempts),
                    Duration.ofNanos(attempts.lastExchangeNanos()));
        } catch (IOException e) {
            throw failure(e, attempts);
        }
    }

    /**
     * The body as UTF-8, which JSON exchanged between systems must be (RFC 8259), without a byte order
     * mark. Not {@code ResponseBody.string()}: that parses the Content-Type header on every call for a
     * charset a JSON reply has no business declaring otherwise.
     */
    private static String text(ResponseBody body) throws IOException {
        String text = body.source().readUtf8();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** {@code model [x]: HTTP 500 after 3 attempts: <the body's first 200 characters, scrubbed>}. */
    public ModelCallException httpError(HttpExchange exchange) {
        String excerpt = scrubber.excerpt(exchange.body());
        return new ModelCallException(prefix() + "HTTP " + exchange.code() + " after " + exchange.attempts()
                + (excerpt.isEmpty() ? "" : ": " + excerpt));
    }

    /** {@code model [x]: <reason>}, e.g. for an answer the provider cannot read. */
    public ModelCallException failure(String reason) {
        return new ModelCallException(prefix() + reason);
    }

    /** Server text safe to quote: the key masked, on one line, cut to its first 200 characters. */
    public String excerpt(String text) {
        return scrubber.excerpt(text);
    }

    private ModelCallException failure(IOException e, AttemptRecord record) {
        if (e instanceof SocketTimeoutException) {
            return new ModelCallException(prefix() + "timed out after " + format(timeout) + " ("
                    + count(record) + (record.stoppedByRetryTimeLimit() ? ", " + timeLimitReached() : "") + ")", e);
        }
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            return new ModelCallException(prefix() + "interrupted", e);
        }
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : scrubber.excerpt(e.getMessage());
        return new ModelCallException(prefix() + "connection failed after " + attempts(record) + ": " + what, e);
    }

    private String prefix() {
        return "model [" + modelName + "]: ";
    }

    /** E.g. {@code 3 attempts (retry time limit of 120 s reached)}: says why retrying stopped, when not at the count. */
    private String attempts(AttemptRecord record) {
        return count(record) + (record.stoppedByRetryTimeLimit() ? " (" + timeLimitReached() + ")" : "");
    }

    private static String count(AttemptRecord record) {
        return record.attempts() == 1 ? "1 attempt" : record.attempts() + " attempts";
    }

    private String timeLimitReached() {
        return "retry time limit of " + format(maxRetryTime) + " reached";
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
