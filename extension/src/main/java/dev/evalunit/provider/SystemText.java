package dev.evalunit.provider;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The system text of a request, for an API that takes it apart from the turns (Anthropic's
 * {@code system}, Gemini's {@code systemInstruction}): the model's system prompt, then the request's
 * system messages, a blank line apart.
 */
@API(status = INTERNAL, since = "0.1")
public final class SystemText {

    private SystemText() {
    }

    /** @return the joined text, or {@code null} when there is none */
    public static String of(String systemPrompt, ModelRequest request) {
        List<String> parts = new ArrayList<>();
        if (systemPrompt != null) {
            parts.add(systemPrompt);
        }
        for (ChatMessage message : request.messages()) {
            if (isSystem(message)) {
                parts.add(message.content());
            }
        }
        return parts.isEmpty() ? null : String.join("\n\n", parts);
    }

    /** Whether {@code message} belongs in the system text rather than in the turns. */
    public static boolean isSystem(ChatMessage message) {
        return "system".equals(message.role());
    }
}
