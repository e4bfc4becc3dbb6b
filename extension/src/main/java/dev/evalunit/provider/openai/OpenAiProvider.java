package dev.evalunit.provider.openai;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelProvider;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.api.spi.ProviderContext;
import dev.evalunit.http.HttpPipeline;

/**
 * {@code openai}, the default provider: any OpenAI-compatible chat-completions endpoint (OpenAI,
 * Mistral, vLLM, Ollama, llama.cpp server...). Registered in the engine's
 * {@code META-INF/services/dev.evalunit.api.spi.ModelProvider}. It takes no parameters of its own:
 * sampling and extra parameters go into the request body under their OpenAI names.
 */
public final class OpenAiProvider implements ModelProvider {

    /** The provider's name, also the default of {@code evalunit.models.NAME.provider}. */
    public static final String NAME = "openai";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ModelClient create(ModelSpec spec, ProviderContext context) {
        return new OpenAiChatClient(spec, context.apiKey(), context.unwrap(HttpPipeline.class));
    }
}
