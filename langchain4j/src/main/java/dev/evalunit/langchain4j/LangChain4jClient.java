package dev.evalunit.langchain4j;

import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.provider.chatmodel.ChatModelClient;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;

/**
 * Calls a LangChain4j {@link ChatModel}: the system prompt and system messages as one {@link SystemMessage},
 * the turns as user and AI messages, {@code temperature}, {@code top_p} and {@code max_tokens} as the
 * request's parameters, and a verdict's JSON schema as a JSON response format when the model says it
 * supports one ({@link Capability#RESPONSE_FORMAT_JSON_SCHEMA}); otherwise the engine parses the text. A
 * refused key or an unknown model stops the evaluation; a {@link ContentFilteredException} is a filtered reply.
 */
final class LangChain4jClient extends ChatModelClient {

    private final ChatModel model;
    private final boolean jsonSchema;

    LangChain4jClient(ModelSpec spec, ChatModel model) {
        super(spec);
        this.model = model;
        this.jsonSchema = model.supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    @Override
    protected Answer call(ModelRequest request) {
        ChatResponse response = model.chat(chatRequest(request));
        TokenUsage usage = response.tokenUsage();
        FinishReason reason = response.finishReason();
        Finish finish = reason == FinishReason.LENGTH ? Finish.CUT
                : reason == FinishReason.CONTENT_FILTER ? Finish.FILTERED : Finish.COMPLETE;
        return new Answer(response.aiMessage() == null ? null : response.aiMessage().text(),
                usage == null ? null : usage.inputTokenCount(), usage == null ? null : usage.outputTokenCount(), finish,
                reason == null ? null : "finishReason " + reason);
    }

    /** A refused key or an unknown model: no call of this model can succeed. */
    @Override
    protected boolean isUnusable(RuntimeException e) {
        return e instanceof AuthenticationException || e instanceof ModelNotFoundException;
    }

    @Override
    protected boolean isFiltered(RuntimeException e) {
        return e instanceof ContentFilteredException;
    }

    private ChatRequest chatRequest(ModelRequest request) {
        List<dev.langchain4j.data.message.ChatMessage> messages = messages(request, SystemMessage::from,
                UserMessage::from, AiMessage::from);
        ChatRequest.Builder builder = ChatRequest.builder().messages(messages)
                .temperature(temperature()).topP(topP()).maxOutputTokens(maxTokens());
        if (jsonSchema && request.responseSchema() != null) {
            builder.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                    .jsonSchema(JsonSchema.builder().name(request.schemaName())
                            .rootElement(JsonRawSchema.from(schemaJson(request))).build())
                    .build());
        }
        return builder.build();
    }
}
