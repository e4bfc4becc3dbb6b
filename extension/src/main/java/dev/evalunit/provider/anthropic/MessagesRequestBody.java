package dev.evalunit.provider.anthropic;

import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.json.JsonText;
import dev.evalunit.json.JsonValueText;
import dev.evalunit.provider.SystemText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON bodies of one model's Messages API requests. Thread safe.
 *
 * <p>The fields, in order: {@code model}, {@code max_tokens} (always: the API requires it),
 * {@code system} (the model's system prompt, then the request's system messages, a blank line apart;
 * left out when there is none), {@code messages} (user and assistant turns), the other sampling
 * parameters, {@code tools} and {@code tool_choice} (structured output only), then the extra
 * parameters, which override any field of the same name where it stands.
 *
 * <p>Structured output is a single tool whose {@code input_schema} is the request's schema, named
 * after it, with {@code tool_choice} forcing that tool: the reply's {@code tool_use} block then holds
 * the answer as its {@code input}.
 */
final class MessagesRequestBody {

    static final String MAX_TOKENS = "max_tokens";
    private static final String DEFAULT_TOOL = "reply";
    // Anthropic's rule for tool names.
    private static final Pattern NOT_IN_TOOL_NAME = Pattern.compile("[^a-zA-Z0-9_-]");
    private static final int LONGEST_TOOL_NAME = 64;

    private final String model;
    private final String systemPrompt;
    private final Map<String, Object> sampling;
    private final Map<String, Object> extra;

    MessagesRequestBody(ModelSpec settings) {
        this.model = settings.model();
        this.systemPrompt = settings.systemPrompt();
        Map<String, Object> sampling = new LinkedHashMap<>();
        sampling.put(MAX_TOKENS, AnthropicProvider.DEFAULT_MAX_TOKENS);
        sampling.putAll(settings.samplingParams());
        this.sampling = sampling;
        this.extra = settings.extraParams();
    }

    /** The tool a structured request forces: the schema's name, as a tool may be named. */
    static String toolName(ModelRequest request) {
        String name = request.schemaName() == null ? "" : NOT_IN_TOOL_NAME.matcher(request.schemaName()).replaceAll("_");
        if (name.isEmpty()) {
            return DEFAULT_TOOL;
        }
        return name.length() > LONGEST_TOOL_NAME ? name.substring(0, LONGEST_TOOL_NAME) : name;
    }

    /** @param withTool whether to ask for the request's schema through a forced tool (ignored without a schema) */
    String of(ModelRequest request, boolean withTool) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("model", JsonText.string(model));
        fields.put(MAX_TOKENS, JsonValueText.compact(sampling.get(MAX_TOKENS)));
        String system = SystemText.of(systemPrompt, request);
        if (system != null) {
            fields.put("system", JsonText.string(system));
        }
        fields.put("messages", messages(request));
        sampling.forEach((name, value) -> fields.put(name, JsonValueText.compact(value)));
        if (withTool && request.responseSchema() != null) {
            String tool = JsonText.string(toolName(request));
            fields.put("tools", "[{\"name\":" + tool + ",\"description\":"
                    + JsonText.string("Give the reply, in the fields this schema asks for.")
                    + ",\"input_schema\":" + JsonValueText.compact(request.responseSchema()) + "}]");
            fields.put("tool_choice", "{\"type\":\"tool\",\"name\":" + tool + "}");
        }
        extra.forEach((name, value) -> fields.put(name, JsonValueText.compact(value)));
        StringBuilder body = new StringBuilder(512).append('{');
        fields.forEach((name, value) -> {
            if (body.length() > 1) {
                body.append(',');
            }
            JsonText.appendString(body, name).append(':').append(value);
        });
        return body.append('}').toString();
    }

    private static String messages(ModelRequest request) {
        StringBuilder out = new StringBuilder().append('[');
        for (ChatMessage message : request.messages()) {
            if (SystemText.isSystem(message)) {
                continue;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("{\"role\":");
            JsonText.appendString(out, message.role()).append(",\"content\":");
            JsonText.appendString(out, message.content()).append('}');
        }
        return out.append(']').toString();
    }
}
