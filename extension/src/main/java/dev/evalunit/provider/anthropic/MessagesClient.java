package dev.evalunit.provider.anthropic;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.batch.spi.BatchApi;
import dev.evalunit.batch.spi.BatchCapable;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.http.HttpExchange;
import dev.evalunit.http.HttpPipeline;
import dev.evalunit.http.IncompleteReplyException;
import dev.evalunit.http.ReplyCheck;
import dev.evalunit.provider.NotAnAnswer;
import dev.evalunit.provider.StructuredOutputEndpoints;
import dev.evalunit.provider.StructuredOutputFallback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import java.time.Duration;

/**
 * A model behind Anthropic's Messages API: {@code POST {baseUrl}/v1/messages} with the
 * {@code x-api-key} and {@code anthropic-version} headers. Thread safe. Only the wire format is here;
 * retries (429, 529 {@code overloaded_error}...), limits and failure messages are the {@link HttpPipeline}'s.
 *
 * <p>A request with a response schema forces a tool whose {@code input_schema} is the schema
 * ({@link MessagesRequestBody}), and the answer is that {@code tool_use} block's {@code input}. A
 * server that answers 400 about tools (a stand-in, a proxy) is asked again without them, and from then
 * on never with them by any client of the run ({@link StructuredOutputEndpoints}); the answer is then
 * the text, which the caller parses.
 *
 * <p>A reply that is not an answer fails the call ({@link NotAnAnswer}): {@code stop_reason}
 * {@code "max_tokens"} (cut at the token limit) or {@code "refusal"}.
 */
final class MessagesClient implements ModelClient, BatchCapable {

    static final String API_KEY_HEADER = "x-api-key";
    static final String VERSION_HEADER = "anthropic-version";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final String STOP_MAX_TOKENS = "max_tokens";
    private static final String STOP_REFUSAL = "refusal";

    private final String name;
    private final String apiKey;
    private final String version;
    private final String maxTokensKey;
    private final HttpPipeline http;
    private final HttpUrl endpoint;
    private final MessagesRequestBody bodies;
    private final StructuredOutputFallback tools;

    /**
     * @param apiKey the resolved key, or {@code null} to send no {@code x-api-key} header
     * @param structuredOutput what the run has learnt of its endpoints' structured output
     */
    MessagesClient(ModelSpec settings, String apiKey, HttpPipeline http, StructuredOutputEndpoints structuredOutput) {
        this.name = settings.name();
        this.apiKey = apiKey;
        Object version = settings.providerParams().get(AnthropicProvider.VERSION.name());
        this.version = version == null ? AnthropicProvider.DEFAULT_VERSION : ((String) version).trim();
        this.maxTokensKey = ConfigKeys.modelKey(settings.name(), ConfigKeys.ModelKeys.MAX_TOKENS);
        this.http = http;
        this.endpoint = http.baseUrl().newBuilder().addPathSegments("v1/messages").build();
        this.bodies = new MessagesRequestBody(settings);
        this.tools = structuredOutput.of(endpoint, "tools", "tool_choice", "input_schema");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelCallException {
        ReplyCheck<MessagesReply> read = new ReplyCheck<>(MessagesClient::read);
        return reply(tools.exchange(request, withTool -> send(request, withTool, read)), read);
    }

    /**
     * A body that is not JSON, or holds neither an answer (text or {@code tool_use}) nor a stop reason that
     * says why not, is a transient fault: the pipeline retries it.
     */
    private static MessagesReply read(String body) throws IncompleteReplyException {
        MessagesReply reply = MessagesReply.parse(body).orElseThrow(() -> new IncompleteReplyException("not JSON"));
        if (reply.text() == null && reply.toolInput() == null && !STOP_REFUSAL.equals(reply.stopReason())
                && !STOP_MAX_TOKENS.equals(reply.stopReason())) {
            throw new IncompleteReplyException("no text or tool_use block in its content");
        }
        return reply;
    }

    private HttpExchange send(ModelRequest request, boolean withTool, ReplyCheck<MessagesReply> read)
            throws ModelCallException {
        Request.Builder builder = new Request.Builder()
                .url(endpoint)
                .header(VERSION_HEADER, version)
                .post(RequestBody.create(bodies.of(request, withTool), JSON));
        if (apiKey != null) {
            builder.header(API_KEY_HEADER, apiKey);
        }
        return http.execute(builder, read);
    }

    private ModelReply reply(HttpExchange exchange, ReplyCheck<MessagesReply> read) throws ModelCallException {
        if (!exchange.successful()) {
            throw http.httpError(exchange);
        }
        return answer(read.value(), exchange.latency());
    }

    /** The answer in a Messages body (a batch line's {@code result.message}); a live reply is read by the pipeline. */
    ModelReply reply(String body, Duration latency) throws ModelCallException {
        return answer(http.read(body, MessagesClient::read), latency);
    }

    private ModelReply answer(MessagesReply reply, Duration latency) throws ModelCallException {
        if (STOP_REFUSAL.equals(reply.stopReason())) {
            throw NotAnAnswer.refused(http, "stop_reason \"refusal\"", reply.text());
        }
        if (STOP_MAX_TOKENS.equals(reply.stopReason())) {
            throw NotAnAnswer.cut(http, "stop_reason \"max_tokens\"", maxTokensKey);
        }
        String answer = reply.toolInput() != null ? reply.toolInput() : reply.text();
        return new ModelReply(answer, reply.inputTokens(), reply.outputTokens(), latency);
    }

    /** The {@code params} of a batch request: the live request's body, with the schema's tool. */
    String batchBody(ModelRequest request) {
        return bodies.of(request, true);
    }

    @Override
    public BatchApi batchApi() {
        return new AnthropicBatchApi(this, apiKey, version, http);
    }
}
