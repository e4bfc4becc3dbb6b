package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One chat request. The client adds its own system prompt, sampling and extra parameters.
 *
 * @param messages the conversation, usually one user message
 * @param responseSchema a JSON schema the reply should follow (structured output), or {@code null}
 * @param schemaName a short name for the schema, or {@code null} without a schema
 * @param sampleIndex which sample of the same request this is (0 for the first): samples are
 *     independent calls, never served from one another
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ModelRequest(List<ChatMessage> messages, Map<String, Object> responseSchema, String schemaName,
                           int sampleIndex) {
    public ModelRequest {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        // Keeps the caller's key order (Map.copyOf's varies from JVM to JVM): requests are then the
        // same bytes on every run, and models that generate in schema order see "explanation" first.
        responseSchema = responseSchema == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(responseSchema));
    }

    /** A request of one user message, without schema. */
    public static ModelRequest ofUser(String prompt) {
        return new ModelRequest(List.of(ChatMessage.user(prompt)), null, null, 0);
    }
}
