package dev.evalunit.provider.openai;

import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.json.JsonText;
import dev.evalunit.json.JsonValueText;
import dev.evalunit.json.LastMapText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of one model's OpenAI chat-completions requests. Thread safe.
 *
 * <p>The fields, in order: {@code model}, {@code messages}, the sampling parameters ({@code max_tokens}
 * sent as {@code max_completion_tokens}),
 * {@code response_format} (structured output only), then the extra parameters, which override any
 * field of the same name where it stands. The settings decide all but the messages and the response
 * format, so the layout and its values are written once here and a call fills in only its own parts.
 */
final class ChatRequestBody {

    /** A field's value: fixed JSON text, or one of the parts each request fills in. */
    private sealed interface Value permits Fixed, Part {
    }

    private record Fixed(String json) implements Value {
    }

    private enum Part implements Value { MESSAGES, RESPONSE_FORMAT }

    /** One field, its name already quoted and followed by a colon. */
    private record Field(String nameAndColon, Value value) {
    }

    private static final String MAX_TOKENS = "max_tokens";
    private static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";

    private final String systemPrompt;
    private final List<Field> plain;
    private final List<Field> structured;
    private final LastMapText schemas = new LastMapText(JsonValueText::compact);


    ChatRequestBody(ModelSpec settings) {
        this.systemPrompt = settings.systemPrompt();
        this.plain = layout(settings, false);
        this.structured = layout(settings, true);
    }

    /** The body for one request, built once; a client that sends many keeps an instance. */
    static String of(ModelSpec settings, ModelRequest request, boolean structuredOutput) {
        return new ChatRequestBody(settings).of(request, structuredOutput);
    }

    /**
     * @param structuredOutput whether to ask for the request's schema with {@code response_format}
     *     (ignored when the request has no schema)
     */
    String of(ModelRequest request, boolean structuredOutput) {
        boolean withFormat = structuredOutput && request.responseSchema() != null;
        StringBuilder body = new StringBuilder(capacity(request)).append('{');
        List<Field> fields = withFormat ? structured : plain;
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            if (i > 0) {
                body.append(',');
            }
            body.append(field.nameAndColon());
            if (field.value() instanceof Fixed fixed) {
                body.append(fixed.json());
            } else if (field.value() == Part.MESSAGES) {
                messages(body, request);
            } else {
                responseFormat(body, request);
            }
        }
        return body.append('}').toString();
    }

    // LinkedHashMap.put keeps a replaced key where it first stood, as setting a field of a JSON object does.
    private static List<Field> layout(ModelSpec settings, boolean structuredOutput) {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("model", new Fixed(JsonText.string(settings.model())));
        fields.put("messages", Part.MESSAGES);
        Map<String, Object> sampling = settings.samplingParams();
        sampling.forEach((name, value) -> fields.put(wireName(name, sampling), new Fixed(JsonValueText.compact(value))));
        if (structuredOutput) {
            fields.put("response_format", Part.RESPONSE_FORMAT);
        }
        settings.extraParams().forEach((name, value) -> fields.put(name, new Fixed(JsonValueText.compact(value))));
        List<Field> layout = new ArrayList<>(fields.size());
        fields.forEach((name, value) -> layout.add(new Field(JsonText.string(name) + ":", value)));
        return List.copyOf(layout);
    }

    /**
     * {@code max_tokens} (what {@code max-tokens} sets) goes out as {@code max_completion_tokens}, its
     * successor in the chat-completions reference, unless that is set too; {@code extra_params} still
     * sends {@code max_tokens} as it is, for servers that know only the old name.
     */
    private static String wireName(String name, Map<String, Object> sampling) {
        return MAX_TOKENS.equals(name) && !sampling.containsKey(MAX_COMPLETION_TOKENS) ? MAX_COMPLETION_TOKENS : name;
    }

    private void messages(StringBuilder body, ModelRequest request) {
        body.append('[');
        if (systemPrompt != null) {
            message(body, ChatMessage.system(systemPrompt));
        }
        List<ChatMessage> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0 || systemPrompt != null) {
                body.append(',');
            }
            message(body, messages.get(i));
        }
        body.append(']');
    }

    private static void message(StringBuilder body, ChatMessage message) {
        body.append("{\"role\":");
        JsonText.appendString(body, message.role()).append(",\"content\":");
        JsonText.appendString(body, message.content()).append('}');
    }

    private void responseFormat(StringBuilder body, ModelRequest request) {
        body.append("{\"type\":\"json_schema\",\"json_schema\":{\"name\":");
        JsonText.appendString(body, request.schemaName() == null ? "reply" : request.schemaName())
                .append(",\"schema\":").append(schemas.of(request.responseSchema()))
                .append(",\"strict\":true}}");
    }

    private int capacity(ModelRequest request) {
        int size = 512 + (systemPrompt == null ? 0 : systemPrompt.length());
        for (ChatMessage message : request.messages()) {
            size += message.content().length() + 40;
        }
        return size;
    }
}
