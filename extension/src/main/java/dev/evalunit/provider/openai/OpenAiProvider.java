package dev.evalunit.provider.openai;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.api.spi.ProviderContext;
import dev.evalunit.api.spi.ProviderParameter;
import dev.evalunit.api.spi.ProviderParameter.Type;
import dev.evalunit.http.HttpPipeline;
import dev.evalunit.provider.HttpModelProvider;
import dev.evalunit.provider.StructuredOutputEndpoints;
import java.util.List;
import org.apiguardian.api.API;

/**
 * {@code openai}, the default provider: any OpenAI-compatible chat-completions endpoint (OpenAI,
 * Mistral, vLLM, Ollama, llama.cpp server...). Registered in the engine's
 * {@code META-INF/services/dev.evalunit.api.spi.ModelProvider}. It takes no parameters of its own:
 * sampling and extra parameters go into the request body under their OpenAI names. Its sampling
 * parameters are the scalar ones of the chat-completions reference; anything else (e.g.
 * {@code logit_bias}, a vendor's own) goes in {@code extra_params}.
 */
@API(status = INTERNAL, since = "0.1")
public final class OpenAiProvider extends HttpModelProvider {

    /** The provider's name, also the default of {@code evalunit.models.NAME.provider}. */
    public static final String NAME = "openai";

    /** Where a model declared with {@code provider=openai} calls when it sets no {@code base-url}; the client appends {@code /chat/completions}. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    /** The sampling parameters of the chat-completions reference, by their names in the request body. */
    static final List<ProviderParameter> SAMPLING_PARAMETERS = List.of(
            new ProviderParameter("temperature", Type.NUMBER, "sampling temperature, 0 to 2"),
            new ProviderParameter("top_p", Type.NUMBER, "nucleus sampling mass, 0 to 1"),
            new ProviderParameter("max_tokens", Type.INTEGER, "the most tokens to generate (older models)"),
            new ProviderParameter("max_completion_tokens", Type.INTEGER, "the most tokens to generate, reasoning included"),
            new ProviderParameter("n", Type.INTEGER, "how many choices to generate"),
            new ProviderParameter("seed", Type.INTEGER, "best-effort deterministic sampling"),
            new ProviderParameter("stop", Type.TEXTS, "up to 4 sequences where generation stops"),
            new ProviderParameter("presence_penalty", Type.NUMBER, "-2 to 2, penalises tokens already present"),
            new ProviderParameter("frequency_penalty", Type.NUMBER, "-2 to 2, penalises frequent tokens"),
            new ProviderParameter("logprobs", Type.BOOLEAN, "whether to return log probabilities"),
            new ProviderParameter("top_logprobs", Type.INTEGER, "0 to 20 most likely tokens per position"),
            new ProviderParameter("reasoning_effort", Type.STRING, "reasoning models: low, medium or high"),
            new ProviderParameter("service_tier", Type.STRING, "the processing tier, e.g. auto or default"),
            new ProviderParameter("user", Type.STRING, "an end-user identifier"));

    public OpenAiProvider() {
        super(NAME, DEFAULT_BASE_URL, SAMPLING_PARAMETERS);
    }

    @Override
    public ModelClient create(ModelSpec spec, ProviderContext context) {
        return new OpenAiChatClient(spec, context.apiKey(), context.unwrap(HttpPipeline.class),
                context.unwrap(StructuredOutputEndpoints.class));
    }
}
