package dev.evalunit.provider.gemini;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.http.HttpExchange;
import dev.evalunit.http.HttpPipeline;
import dev.evalunit.http.IncompleteReplyException;
import dev.evalunit.http.ReplyCheck;
import dev.evalunit.provider.NotAnAnswer;
import dev.evalunit.provider.StructuredOutputEndpoints;
import dev.evalunit.provider.StructuredOutputFallback;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A Gemini model behind {@code generateContent}, on Google AI ({@link GeminiProvider}) or Vertex AI
 * ({@link VertexProvider}), which differ only in their URL and their credential header. Thread safe.
 * Only the wire format is here; retries (429 {@code RESOURCE_EXHAUSTED}, 503 {@code UNAVAILABLE}...),
 * limits and failure messages are the {@link HttpPipeline}'s.
 *
 * <p>A request with a response schema asks for JSON ({@link GenerateContentRequestBody}); a server that
 * answers 400 naming those fields (a stand-in, a proxy) is asked again without them, and from then on
 * never with them; the answer is then the text, which the caller parses.
 *
 * <p>A reply that is not an answer fails the call ({@link NotAnAnswer}): a prompt blocked
 * ({@code promptFeedback.blockReason}), a candidate cut at the token limit ({@code finishReason}
 * {@code MAX_TOKENS}) or withheld ({@code SAFETY}, {@code RECITATION}, {@code PROHIBITED_CONTENT},
 * {@code BLOCKLIST}, {@code SPII}, {@code IMAGE_SAFETY}), no candidate or no text.
 */
final class GenerateContentClient implements ModelClient {

    /** The method after the model's name in the path. */
    static final String METHOD = ":generateContent";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final String MAX_TOKENS = "MAX_TOKENS";
    private static final Set<String> WITHHELD = Set.of("SAFETY", "RECITATION", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII",
            "IMAGE_SAFETY");

    /**
     * The credential header of every request: a name and where its value comes from, asked per request (an
     * access token may be refreshed during the run); no header when the value is {@code null}.
     */
    record Auth(String name, Credential value) {
        /** A value fixed for the run, e.g. a key. */
        static Auth header(String name, String value) {
            return new Auth(name, () -> value);
        }
    }

    /** The current value of a credential header, or {@code null} for none. */
    @FunctionalInterface
    interface Credential {
        /** @throws ModelCallException when no value could be had: the call fails, as an {@code Error} row */
        String current() throws ModelCallException;
    }

    private final String name;
    private final HttpUrl endpoint;
    private final Auth auth;
    private final String maxTokensKey;
    private final HttpPipeline http;
    private final GenerateContentRequestBody bodies;
    private final StructuredOutputFallback structured;

    /**
     * @param structuredOutput what the run has learnt of its endpoints' structured output: an endpoint that
     *     refused the JSON fields once is asked without them by every client of the run
     */
    GenerateContentClient(ModelSpec settings, HttpUrl endpoint, Auth auth, HttpPipeline http,
                          StructuredOutputEndpoints structuredOutput) {
        this.name = settings.name();
        this.endpoint = endpoint;
        this.auth = auth;
        this.maxTokensKey = ConfigKeys.modelKey(settings.name(), ConfigKeys.ModelKeys.MAX_TOKENS);
        this.http = http;
        this.bodies = new GenerateContentRequestBody(settings);
        this.structured = structuredOutput.of(endpoint,
                "responseJsonSchema", "response_json_schema", "responseMimeType", "response_mime_type");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelCallException {
        ReplyCheck<GenerateContentReply> read = new ReplyCheck<>(GenerateContentClient::read);
        return reply(structured.exchange(request, json -> send(request, json, read)), read);
    }

    /**
     * A body that is not JSON, has no candidate without saying why (a blocked prompt says so), or whose
     * candidate has neither text nor a finish reason (cut off), is a transient fault: the pipeline retries it.
     */
    private static GenerateContentReply read(String body) throws IncompleteReplyException {
        GenerateContentReply reply = GenerateContentReply.parse(body)
                .orElseThrow(() -> new IncompleteReplyException("not JSON"));
        if (reply.blockReason() == null && !reply.hasCandidate()) {
            throw new IncompleteReplyException("no candidates");
        }
        if (reply.blockReason() == null && reply.text() == null && reply.finishReason() == null) {
            throw new IncompleteReplyException("no text in candidates[0].content.parts, and no finishReason");
        }
        return reply;
    }

    private HttpExchange send(ModelRequest request, boolean json, ReplyCheck<GenerateContentReply> read)
            throws ModelCallException {
        Request.Builder builder = new Request.Builder().url(endpoint).post(RequestBody.create(bodies.of(request, json), JSON));
        String credential = auth.value().current();
        if (credential != null) {
            builder.header(auth.name(), credential);
        }
        return http.execute(builder, read);
    }

    private ModelReply reply(HttpExchange exchange, ReplyCheck<GenerateContentReply> read) throws ModelCallException {
        if (!exchange.successful()) {
            throw http.httpError(exchange);
        }
        GenerateContentReply reply = read.value();
        if (reply.blockReason() != null) {
            throw NotAnAnswer.blocked(http, "promptFeedback.blockReason \"" + reply.blockReason() + "\"");
        }
        String finish = reply.finishReason();
        if (MAX_TOKENS.equals(finish)) {
            throw NotAnAnswer.cut(http, "finishReason \"MAX_TOKENS\"", maxTokensKey);
        }
        if (WITHHELD.contains(finish)) {
            throw NotAnAnswer.filtered(http, "finishReason \"" + finish + "\"");
        }
        if (reply.text() == null) {
            throw NotAnAnswer.empty(http, "no text in candidates[0].content.parts"
                    + (finish == null ? "" : ", finishReason \"" + finish + "\""));
        }
        // Masked here: an access token (vertex) is known to this pipeline only, and the answer goes on to the
        // cache and the reports.
        return new ModelReply(http.masked(reply.text()), reply.promptTokens(), reply.outputTokens(), exchange.latency());
    }
}
