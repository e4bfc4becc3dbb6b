package dev.evalunit.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.api.spi.ModelUnusableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
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

    private final ModelSpec spec;
    private final RateLimits limits;
    private final String modelName;
    private final Duration timeout;
    private final Duration firstByteTimeout;
    private final Duration connectTimeout;
    private final Duration maxRetryTime;
    private final HttpUrl baseUrl;
    private final LazyClient client;
    private final SecretScrubber scrubber;
    private final ModelGate gate;
    private final UnusableReplies unusable;

    HttpPipeline(ModelSpec spec, RateLimits limits, HttpUrl baseUrl, LazyClient client, SecretScrubber scrubber,
                 ModelGate gate, UnusableReplies unusable) {
        this.spec = spec;
        this.limits = limits;
        this.modelName = spec.name();
        this.timeout = spec.timeout();
        this.firstByteTimeout = limits.firstByteTimeout(spec.timeout());
        this.connectTimeout = limits.connectTimeout(spec.timeout());
        this.maxRetryTime = limits.maxRetryTime();
        this.baseUrl = baseUrl;
        this.client = client;
        this.scrubber = scrubber;
        this.gate = gate;
        this.unusable = unusable;
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
        return client.get();
    }

    /**
     * Sends one call, retries included, and reads the whole answer as UTF-8. The model's first call
     * goes alone; once a reply proved the model cannot work (a refused key, an unknown model, a URL
     * that is not its API), no call is sent again (see {@link ModelGate}).
     *
     * @return the last attempt's status and body, whatever the status: {@link #httpError} words a failure
     * @throws ModelUnusableException when this reply, or an earlier one, proved the model unusable; the
     *     message names the model, the URL and what to check
     * @throws ModelCallException when no answer came: a timeout, a connection failure, an interruption;
     *     the message names the model and the attempts, and never contains the key
     */
    public HttpExchange execute(Request.Builder request) throws ModelCallException {
        return execute(request, null);
    }

    /**
     * Sends one call as {@link #execute(Request.Builder)} does, and reads each attempt's 2xx body with
     * {@code check}: an attempt whose body is not a complete reply in the provider's wire format is retried
     * like a 5xx; once the retries are exhausted, the call fails with {@code unreadable reply after 3
     * attempts: HTTP 200, not JSON: <a quote>}. After a 2xx, {@link ReplyCheck#value()} holds the reply as read.
     *
     * @param check the provider's reader of a 2xx body, or {@code null} to read none
     * @throws ModelCallException as {@link #execute(Request.Builder)}, and when every attempt's reply was unreadable
     */
    public HttpExchange execute(Request.Builder request, ReplyCheck<?> check) throws ModelCallException {
        try {
            gate.enter();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCallException(prefix() + "interrupted");
        }
        AttemptRecord attempts = new AttemptRecord(CallTally.current());
        if (check != null) {
            request.tag(ReplyCheck.class, check);
        }
        Request built = request.tag(AttemptRecord.class, attempts).build();
        HttpExchange exchange;
        try (Response response = client.get().newCall(built).execute()) {
            String body = check != null && check.value() != null ? check.body() : text(response.body());
            exchange = new HttpExchange(response.code(), body, attempts(attempts),
                    Duration.ofNanos(attempts.lastExchangeNanos()));
        } catch (IOException e) {
            ModelCallException failure = failure(e, attempts);
            if (Thread.currentThread().isInterrupted()) {
                gate.abandoned();
            } else {
                gate.passed();
            }
            throw failure;
        } catch (RuntimeException | Error e) {
            gate.abandoned();
            throw e;
        }
        Optional<String> unusableBecause = unusable.diagnose(exchange, built.url());
        if (unusableBecause.isPresent()) {
            throw gate.close(unusableBecause.get());
        }
        gate.passed();
        return exchange;
    }

    /**
     * The body as UTF-8, which JSON exchanged between systems must be (RFC 8259), without a byte order
     * mark. Not {@code ResponseBody.string()}: that parses the Content-Type header on every call for a
     * charset a JSON reply has no business declaring otherwise.
     */
    static String text(ResponseBody body) throws IOException {
        return withoutByteOrderMark(body.source().readUtf8());
    }

    static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** {@code model [x]: HTTP 500 after 3 attempts: <the server's message, scrubbed>} (see {@link #excerpt}). */
    public ModelCallException httpError(HttpExchange exchange) {
        String excerpt = scrubber.excerpt(exchange.body());
        return new ModelCallException(prefix() + "HTTP " + exchange.code() + " after " + exchange.attempts()
                + (excerpt.isEmpty() ? "" : ": " + excerpt));
    }

    /** {@code model [x]: <reason>}, e.g. for an answer the provider cannot read. */
    public ModelCallException failure(String reason) {
        return new ModelCallException(prefix() + reason);
    }

    /**
     * This pipeline (the same client, limits, gate and masking), its messages naming {@code credential}
     * where a server refused the model's credential (HTTP 401, 403): for a model whose credential is no
     * key reference, e.g. {@code Application Default Credentials}.
     */
    public HttpPipeline namingCredential(String credential) {
        return new HttpPipeline(spec, limits, baseUrl, client, scrubber, gate,
                new UnusableReplies(spec, credential, scrubber));
    }

    /**
     * Masks {@code secret} in every message this pipeline writes from now on, like the API key: for a
     * credential that changes during the run, such as an access token refreshed when it expires. Call it
     * once per new value, not per request.
     */
    public void hide(String secret) {
        scrubber.learn(secret);
    }

    /**
     * {@code text} with every secret this pipeline knows masked: for an answer, where a server may echo the
     * credential. Needed for a credential learnt during the run ({@link #hide}, an access token): the
     * response cache masks the keys of references, which it resolves itself, but knows no token.
     */
    public String masked(String text) {
        return text == null ? null : scrubber.scrub(text);
    }

    /**
     * Server text safe and readable to quote: the key masked, on one line; a JSON error body's message,
     * an HTML page's title, or the text cut at a word boundary ({@code … (1234 characters)}).
     */
    public String excerpt(String text) {
        return scrubber.excerpt(text);
    }

    /**
     * Reads a body that did not come through this pipeline (a line of a batch's results) as a live 2xx reply
     * is read; a body that is not a complete reply fails at once, with a scrubbed quote: nothing retries it.
     */
    public <T> T read(String body, ReplyCheck.Reader<T> reader) throws ModelCallException {
        try {
            return reader.read(body);
        } catch (IncompleteReplyException e) {
            throw failure("unreadable reply: " + e.getMessage() + ": " + excerpt(body));
        }
    }

    private ModelCallException failure(IOException e, AttemptRecord record) {
        if (e instanceof UnreadableAttempt unreadable) {
            String quote = scrubber.excerpt(unreadable.body());
            return new ModelCallException(prefix() + "unreadable reply after " + attempts(record) + ": HTTP "
                    + unreadable.code() + ", " + unreadable.getMessage() + (quote.isEmpty() ? "" : ": " + quote), e);
        }
        if (e instanceof SocketTimeoutException) {
            return new ModelCallException(prefix() + timedOut(record) + " ("
                    + count(record) + (record.stoppedByRetryTimeLimit() ? ", " + timeLimitReached() : "") + ")", e);
        }
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            return new ModelCallException(prefix() + "interrupted", e);
        }
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : scrubber.excerpt(e.getMessage());
        return new ModelCallException(prefix() + "connection failed after " + attempts(record) + ": " + what, e);
    }

    /**
     * Which limit cut the last attempt: {@code timed out after 20 s waiting for the first byte},
     * {@code timed out after 10 s connecting}, {@code timed out after 60 s} (the whole attempt).
     */
    private String timedOut(AttemptRecord record) {
        return switch (record.lastTimeout()) {
            case FIRST_BYTE -> "timed out after " + format(firstByteTimeout) + " waiting for the first byte";
            case CONNECT -> "timed out after " + format(connectTimeout) + " connecting";
            case ATTEMPT, NONE -> "timed out after " + format(timeout);
        };
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
