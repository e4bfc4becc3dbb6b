package dev.evalunit.provider.openai;

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
import dev.evalunit.provider.openai.ChatResponseParser.ChatCompletion;
import dev.evalunit.provider.openai.ChatResponseParser.MalformedReplyException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import java.time.Duration;

/**
 * A model behind an OpenAI-compatible {@code POST {baseUrl}/chat/completions} endpoint. Thread safe.
 * Only the wire format is here; retries, limits and failure messages are the {@link HttpPipeline}'s.
 *
 * <p>A request with a response schema asks for structured output with {@code response_format}.
 * Many compatible servers do not support it; the first time one answers 400 or 422 about
 * {@code response_format} or {@code json_schema}, the request is sent again without it, and no client
 * of the run asks that endpoint for it again ({@link StructuredOutputEndpoints}): structured output
 * where supported, plain text otherwise.
 *
 * <p>A reply that is not an answer fails the call ({@link NotAnAnswer}): {@code message.refusal},
 * {@code finish_reason "length"} (cut at the token limit) or {@code "content_filter"}.
 */
final class OpenAiChatClient implements ModelClient, BatchCapable {

    // With its charset: given none, OkHttp parses "application/json; charset=utf-8" again on every request.
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private static final String FINISH_LENGTH = "length";
    private static final String FINISH_CONTENT_FILTER = "content_filter";

    private final String name;
    private final String maxTokensKey;
    private final String apiKey;
    private final HttpPipeline http;
    private final HttpUrl endpoint;
    private final ChatRequestBody bodies;
    private final StructuredOutputFallback structuredOutput;

    /**
     * @param apiKey the resolved key, or {@code null} to send no {@code Authorization} header
     * @param http the model's pipeline (see {@link dev.evalunit.http.HttpPipelines})
     * @param structuredOutput what the run has learnt of its endpoints' structured output
     */
    OpenAiChatClient(ModelSpec settings, String apiKey, HttpPipeline http, StructuredOutputEndpoints structuredOutput) {
        this.name = settings.name();
        this.maxTokensKey = ConfigKeys.modelKey(settings.name(), ConfigKeys.ModelKeys.MAX_TOKENS);
        this.apiKey = apiKey;
        this.http = http;
        // Path segments rather than string concatenation: keeps a query (e.g. ?api-version=) in place
        // and absorbs a trailing slash.
        this.endpoint = http.baseUrl().newBuilder().addPathSegments("chat/completions").build();
        this.bodies = new ChatRequestBody(settings);
        this.structuredOutput = structuredOutput.of(endpoint, "response_format", "json_schema");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelCallException {
        ReplyCheck<ChatCompletion> completion = new ReplyCheck<>(OpenAiChatClient::read);
        return reply(structuredOutput.exchange(request, structured -> send(request, structured, completion)), completion);
    }

    /** A body without a readable completion is a transient fault: the pipeline retries it. */
    private static ChatCompletion read(String body) throws IncompleteReplyException {
        try {
            return ChatResponseParser.parse(body);
        } catch (MalformedReplyException e) {
            throw new IncompleteReplyException(e.getMessage());
        }
    }

    private HttpExchange send(ModelRequest request, boolean structured, ReplyCheck<ChatCompletion> completion)
            throws ModelCallException {
        Request.Builder builder = new Request.Builder()
                .url(endpoint)
                .post(RequestBody.create(bodies.of(request, structured), JSON));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return http.execute(builder, completion);
    }

    private ModelReply reply(HttpExchange exchange, ReplyCheck<ChatCompletion> check) throws ModelCallException {
        if (!exchange.successful()) {
            throw http.httpError(exchange);
        }
        return answer(check.value(), exchange.latency());
    }

    /** The answer in a chat-completions body (a batch line's {@code response.body}); a live reply is read by the pipeline. */
    ModelReply reply(String body, Duration latency) throws ModelCallException {
        return answer(http.read(body, OpenAiChatClient::read), latency);
    }

    private ModelReply answer(ChatCompletion completion, Duration latency) throws ModelCallException {
        checkAnswer(completion);
        return new ModelReply(completion.text(), completion.promptTokens(), completion.completionTokens(), latency);
    }

    /** The body a batch line sends: the live request's, with structured output where the endpoint takes it. */
    String batchBody(ModelRequest request) {
        return bodies.of(request, true);
    }

    @Override
    public BatchApi batchApi() {
        return new OpenAiBatchApi(this, apiKey, http, endpoint);
    }

    /** A refusal, an answer cut at the token limit or a filtered one is not an answer: an error, never cached. */
    private void checkAnswer(ChatCompletion completion) throws ModelCallException {
        if (completion.refusal() != null) {
            throw NotAnAnswer.refused(http, "message.refusal", completion.refusal());
        }
        if (FINISH_LENGTH.equals(completion.finishReason())) {
            throw NotAnAnswer.cut(http, "finish_reason \"length\"", maxTokensKey);
        }
        if (FINISH_CONTENT_FILTER.equals(completion.finishReason())) {
            throw NotAnAnswer.filtered(http, "finish_reason \"content_filter\"");
        }
    }
}
