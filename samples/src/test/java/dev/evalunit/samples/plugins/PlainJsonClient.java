package dev.evalunit.samples.plugins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.http.HttpExchange;
import dev.evalunit.http.HttpPipeline;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The wire format of {@code plain-json}, and nothing else: {@code POST {baseUrl}/generate} with
 * {@code {"model": ..., "prompt": ..., "max_words": ...}}, answered by {@code {"text": ...}}.
 * Retries, limits and failure messages are the {@link HttpPipeline}'s. Thread safe.
 */
final class PlainJsonClient implements ModelClient {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ModelSpec spec;
    private final HttpPipeline http;
    private final HttpUrl endpoint;

    PlainJsonClient(ModelSpec spec, HttpPipeline http) {
        this.spec = spec;
        this.http = http;
        this.endpoint = http.baseUrl().newBuilder().addPathSegment("generate").build();
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelCallException {
        ObjectNode body = MAPPER.createObjectNode()
                .put("model", spec.model())
                .put("prompt", request.messages().stream().map(ChatMessage::content).collect(Collectors.joining("\n\n")));
        Object maxWords = spec.providerParams().get(PlainJsonProvider.MAX_WORDS.name());
        if (maxWords != null) {
            body.put("max_words", (Integer) maxWords);
        }
        HttpExchange exchange = http.execute(new Request.Builder().url(endpoint)
                .post(RequestBody.create(body.toString(), JSON)));
        if (!exchange.successful()) {
            throw http.httpError(exchange);
        }
        try {
            JsonNode text = MAPPER.readTree(exchange.body()).path("text");
            if (text.isTextual()) {
                return new ModelReply(text.asText(), null, null, exchange.latency());
            }
        } catch (JsonProcessingException e) {
            // worded below, like a reply without text
        }
        throw http.failure("the reply has no \"text\": " + http.excerpt(exchange.body()));
    }
}
