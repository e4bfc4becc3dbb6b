package dev.evalunit.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelRequest;
import java.io.UncheckedIOException;
import java.util.Map;

/** The JSON body of an OpenAI chat-completions request. */
final class ChatRequestBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatRequestBody() {
    }

    /**
     * @param structuredOutput whether to ask for the request's schema with {@code response_format}
     *     (ignored when the request has no schema)
     */
    static String of(ModelSettings settings, ModelRequest request, boolean structuredOutput) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", settings.model());
        ArrayNode messages = body.putArray("messages");
        if (settings.systemPrompt() != null) {
            add(messages, ChatMessage.system(settings.systemPrompt()));
        }
        request.messages().forEach(message -> add(messages, message));
        putAll(body, settings.samplingParams());
        if (structuredOutput && request.responseSchema() != null) {
            ObjectNode jsonSchema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
            jsonSchema.put("name", request.schemaName() == null ? "reply" : request.schemaName());
            jsonSchema.set("schema", JSON.valueToTree(request.responseSchema()));
            jsonSchema.put("strict", true);
        }
        // Last, so that a deliberate extra parameter overrides anything set above.
        putAll(body, settings.extraParams());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(ArrayNode messages, ChatMessage message) {
        messages.addObject().put("role", message.role()).put("content", message.content());
    }

    private static void putAll(ObjectNode body, Map<String, Object> params) {
        params.forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
    }
}
