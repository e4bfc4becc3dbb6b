package dev.evalunit.springai;

import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.provider.chatmodel.ChatModelClient;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.ModelOptionsUtils;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;

/**
 * Calls a Spring AI {@link ChatModel}: the system prompt and system messages as one {@link SystemMessage},
 * the turns as user and assistant messages, {@code temperature}, {@code top_p} and {@code max_tokens} as
 * the prompt's {@link ChatOptions} (none when none is set: the model's own defaults stand). A verdict's
 * JSON schema goes as the output schema when the model's default options take one
 * ({@link StructuredOutputChatOptions}: a copy of them, with the sampling parameters merged in); otherwise
 * the verdict is asked for as text, which the engine parses. Finish reasons are each model's own words: {@code LENGTH}, {@code max_tokens}, {@code MAX_TOKENS}
 * mean cut; {@code CONTENT_FILTER}, {@code SAFETY} and the like mean filtered.
 */
final class SpringAiClient extends ChatModelClient {

    private static final Set<String> CUT = Set.of("length", "max_tokens");
    private static final Set<String> FILTERED = Set.of("content_filter", "safety", "blocklist", "prohibited_content",
            "spii");

    private final ChatModel model;
    private final ChatOptions options;
    /** The model's default options when they take an output schema, else {@code null}. */
    private final StructuredOutputChatOptions structuredDefaults;

    SpringAiClient(ModelSpec spec, ChatModel model) {
        super(spec);
        this.model = model;
        this.options = temperature() == null && topP() == null && maxTokens() == null ? null
                : ChatOptions.builder().temperature(temperature()).topP(topP()).maxTokens(maxTokens()).build();
        this.structuredDefaults = model.getDefaultOptions() instanceof StructuredOutputChatOptions structured
                ? structured : null;
    }

    @Override
    protected Answer call(ModelRequest request) {
        List<Message> messages = messages(request, SystemMessage::new, UserMessage::new, AssistantMessage::new);
        ChatResponse response = model.call(new Prompt(messages, options(request)));
        Generation generation = response == null ? null : response.getResult();
        if (generation == null) {
            return new Answer(null, null, null, Finish.COMPLETE, "no generation");
        }
        Usage usage = response.getMetadata() == null ? null : response.getMetadata().getUsage();
        String reason = generation.getMetadata() == null ? null : generation.getMetadata().getFinishReason();
        String normalized = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        Finish finish = CUT.contains(normalized) ? Finish.CUT
                : FILTERED.contains(normalized) ? Finish.FILTERED : Finish.COMPLETE;
        return new Answer(generation.getOutput() == null ? null : generation.getOutput().getText(),
                usage == null ? null : usage.getPromptTokens(), usage == null ? null : usage.getCompletionTokens(),
                finish, reason == null || reason.isEmpty() ? null : "finishReason " + reason);
    }

    private ChatOptions options(ModelRequest request) {
        if (structuredDefaults == null || request.responseSchema() == null) {
            return options;
        }
        StructuredOutputChatOptions structured = structuredDefaults.copy();
        if (options != null) {
            ModelOptionsUtils.mergeBeans(options, structured, ChatOptions.class, true);
        }
        structured.setOutputSchema(schemaJson(request));
        return structured;
    }
}
