package dev.evalunit.langchain4j;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/** Real LangChain4j OpenAI chat models, pointed at the loopback server of the test that sets {@link #baseUrl}. */
public final class OpenAiModels {

    static volatile String baseUrl;

    private OpenAiModels() {
    }

    public static ChatModel judge() {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey("test-key")
                .modelName("gpt-4o")
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .maxRetries(0)
                .build();
    }

    public static ChatModel candidate() {
        return OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("test-key").modelName("gpt-4o-mini").maxRetries(0).build();
    }
}
