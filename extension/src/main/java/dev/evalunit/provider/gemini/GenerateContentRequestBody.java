package dev.evalunit.provider.gemini;

import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.json.JsonValueText;
import dev.evalunit.provider.SystemText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of one model's {@code generateContent} requests. Thread safe.
 *
 * <p>The fields, in order: {@code contents} (user turns as role {@code user}, assistant turns as role
 * {@code model}, each one text part), {@code systemInstruction} (the model's system prompt, then the
 * request's system messages, a blank line apart; left out when there is none), {@code generationConfig}
 * (the sampling parameters in camelCase: {@code max_tokens} is {@code maxOutputTokens}; left out when
 * empty), then the extra parameters, which override any field of the same name.
 *
 * <p>Structured output is {@code responseMimeType: application/json} with the request's schema as
 * {@code responseJsonSchema}: a JSON Schema taken as it is, where {@code responseSchema} would take only
 * an OpenAPI subset that the evaluation schemas would have to be translated into.
 */
final class GenerateContentRequestBody {

    private static final String MAX_TOKENS = "max_tokens";
    private static final String STOP_SEQUENCES = "stop_sequences";

    private final String systemPrompt;
    private final Map<String, Object> generationConfig;
    private final Map<String, Object> extra;

    GenerateContentRequestBody(ModelSpec settings) {
        this.systemPrompt = settings.systemPrompt();
        Map<String, Object> config = new LinkedHashMap<>();
        settings.samplingParams().forEach((name, value) -> config.put(wireName(name), wireValue(name, value)));
        this.generationConfig = config;
        this.extra = settings.extraParams();
    }

    /** Refuses a {@code max-tokens} below 1, which the API would refuse on every call. */
    static void checkMaxTokens(ModelSpec spec) {
        for (String name : List.of(MAX_TOKENS, "max_output_tokens")) {
            if (spec.samplingParams().get(name) instanceof Number number && number.longValue() < 1) {
                throw new IllegalArgumentException("[max-tokens] must be 1 or more for generateContent"
                        + " (maxOutputTokens). Raise it, or leave it unset for the model's own limit");
            }
        }
    }

    /** {@code top_p} is {@code topP}; {@code max_tokens}, OpenAI's name, is {@code maxOutputTokens}. */
    static String wireName(String name) {
        if (MAX_TOKENS.equals(name)) {
            return "maxOutputTokens";
        }
        StringBuilder camel = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** A single stop sequence goes as a list of one: {@code stopSequences} is a list. */
    private static Object wireValue(String name, Object value) {
        return STOP_SEQUENCES.equals(name) && value instanceof String text ? List.of(text) : value;
    }

    /** @param json whether to ask for the request's schema as JSON (ignored without a schema) */
    String of(ModelRequest request, boolean json) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contents", contents(request));
        String system = SystemText.of(systemPrompt, request);
        if (system != null) {
            body.put("systemInstruction", Map.of("parts", List.of(Map.of("text", system))));
        }
        Map<String, Object> config = new LinkedHashMap<>(generationConfig);
        if (json && request.responseSchema() != null) {
            config.put("responseMimeType", "application/json");
            config.put("responseJsonSchema", request.responseSchema());
        }
        if (!config.isEmpty()) {
            body.put("generationConfig", config);
        }
        body.putAll(extra);
        return JsonValueText.compact(body);
    }

    private static List<Object> contents(ModelRequest request) {
        List<Object> contents = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            if (!SystemText.isSystem(message)) {
                String role = "assistant".equals(message.role()) ? "model" : message.role();
                // In this order on every run (Map.of's order varies from JVM to JVM).
                Map<String, Object> content = new LinkedHashMap<>();
                content.put("role", role);
                content.put("parts", List.of(Map.of("text", message.content())));
                contents.add(content);
            }
        }
        return contents;
    }
}
