package dev.evalunit.model;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.model.ChatResponseParser.ChatCompletion;
import dev.evalunit.model.ChatResponseParser.MalformedReplyException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A model behind an OpenAI-compatible {@code POST {baseUrl}/chat/completions} endpoint. Thread safe.
 *
 * <p>A request with a response schema asks for structured output with {@code response_format}.
 * Many compatible servers do not support it; the first time one answers 400 or 422 about
 * {@code response_format} or {@code json_schema}, the request is sent again without it, and this
 * client stops asking for it from then on: structured output where supported, plain text otherwise.
 */
public final class OpenAiChatClient implements ModelClient {

    // With its charset: given none, OkHttp parses "application/json; charset=utf-8" again on every request.
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final ModelSettings settings;
    private final String apiKey;
    private final OkHttpClient http;
    private final HttpUrl endpoint;
    private final SecretScrubber scrubber;
    private final ChatRequestBody bodies;
    private final AtomicBoolean structuredOutputSupported = new AtomicBoolean(true);

    /**
     * @param apiKey the resolved key, or {@code null} to send no {@code Authorization} header
     * @param http a client whose interceptors retry (see {@link ModelClients})
     */
    OpenAiChatClient(ModelSettings settings, String apiKey, OkHttpClient http) {
        this.settings = settings;
        this.apiKey = apiKey;
        this.http = http;
        // Path segments rather than string concatenation: keeps a query (e.g. ?api-version=) in place
        // and absorbs a trailing slash.
        this.endpoint = HttpUrl.get(settings.baseUrl()).newBuilder().addPathSegments("chat/completions").build();
        this.scrubber = new SecretScrubber(apiKey);
        this.bodies = new ChatRequestBody(settings);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelCallException {
        boolean structured = request.responseSchema() != null && structuredOutputSupported.get();
        Exchange exchange = send(request, structured);
        if (structured && exchange.rejectsStructuredOutput()) {
            structuredOutputSupported.set(false);
            exchange = send(request, false);
        }
        return reply(exchange);
    }

    private Exchange send(ModelRequest request, boolean structured) throws ModelCallException {
        AttemptRecord attempts = new AttemptRecord();
        Request.Builder builder = new Request.Builder()
                .url(endpoint)
                .tag(AttemptRecord.class, attempts)
                .post(RequestBody.create(bodies.of(request, structured), JSON));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        try (Response response = http.newCall(builder.build()).execute()) {
            return new Exchange(response.code(), text(response.body()), attempts(attempts),
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

    private ModelReply reply(Exchange exchange) throws ModelCallException {
        if (exchange.code() < 200 || exchange.code() >= 300) {
            String excerpt = scrubber.excerpt(exchange.body());
            throw new ModelCallException(prefix() + "HTTP " + exchange.code() + " after " + exchange.attempts()
                    + (excerpt.isEmpty() ? "" : ": " + excerpt));
        }
        try {
            ChatCompletion completion = ChatResponseParser.parse(exchange.body());
            return new ModelReply(completion.text(), completion.promptTokens(), completion.completionTokens(),
                    exchange.latency());
        } catch (MalformedReplyException e) {
            throw new ModelCallException(prefix() + e.getMessage()
                    + (e.worthQuoting() ? ": " + scrubber.excerpt(exchange.body()) : ""));
        }
    }

    private ModelCallException failure(IOException e, AttemptRecord record) {
        if (e instanceof SocketTimeoutException) {
            return new ModelCallException(prefix() + "timed out after " + format(settings.timeout()) + " ("
                    + count(record) + (record.stoppedByRetryTimeLimit() ? ", " + timeLimitReached() : "") + ")", e);
        }
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            return new ModelCallException(prefix() + "interrupted", e);
        }
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : scrubber.excerpt(e.getMessage());
        return new ModelCallException(prefix() + "connection failed after " + attempts(record) + ": " + what, e);
    }

    private String prefix() {
        return "model [" + settings.name() + "]: ";
    }

    /** E.g. {@code 3 attempts (retry time limit of 120 s reached)}: says why retrying stopped, when not at the count. */
    private String attempts(AttemptRecord record) {
        return count(record) + (record.stoppedByRetryTimeLimit() ? " (" + timeLimitReached() + ")" : "");
    }

    private static String count(AttemptRecord record) {
        return record.attempts() == 1 ? "1 attempt" : record.attempts() + " attempts";
    }

    private String timeLimitReached() {
        return "retry time limit of " + format(settings.rateLimits().maxRetryTime()) + " reached";
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /**
     * One call's outcome, retries done.
     *
     * @param attempts how many, as a failure message says it
     */
    private record Exchange(int code, String body, String attempts, Duration latency) {
        boolean rejectsStructuredOutput() {
            return (code == 400 || code == 422) && (body.contains("response_format") || body.contains("json_schema"));
        }
    }
}
