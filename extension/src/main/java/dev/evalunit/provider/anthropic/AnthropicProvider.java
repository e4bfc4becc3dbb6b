package dev.evalunit.provider.anthropic;

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
 * {@code anthropic}: Anthropic's Messages API, {@code POST {base-url}/v1/messages} ({@link MessagesClient}).
 * Registered in the engine's {@code META-INF/services/dev.evalunit.api.spi.ModelProvider}. Its own
 * parameter is {@code anthropic-version}, the API version header; {@code max-tokens} defaults to
 * {@value #DEFAULT_MAX_TOKENS}, since the API requires it. Its sampling parameters are the scalar ones
 * of the Messages reference; anything else (e.g. {@code metadata}, {@code thinking}) goes in
 * {@code extra_params}.
 */
@API(status = INTERNAL, since = "0.1")
public final class AnthropicProvider extends HttpModelProvider {

    /** The provider's name, in {@code evalunit.models.NAME.provider}. */
    public static final String NAME = "anthropic";

    /** Where a model calls when it sets no {@code base-url}; the client appends {@code /v1/messages}. */
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

    /** The {@code anthropic-version} header sent when the parameter is not set. */
    public static final String DEFAULT_VERSION = "2023-06-01";

    /** The {@code max_tokens} sent when {@code max-tokens} is not set: the Messages API requires one. */
    public static final int DEFAULT_MAX_TOKENS = 1024;

    /** {@code evalunit.models.NAME.anthropic-version}: the API version header. */
    static final ProviderParameter VERSION = new ProviderParameter("anthropic-version", Type.STRING,
            "the anthropic-version header, default " + DEFAULT_VERSION);

    /** The sampling parameters of the Messages reference, by their names in the request body. */
    static final List<ProviderParameter> SAMPLING_PARAMETERS = List.of(
            new ProviderParameter("temperature", Type.NUMBER, "sampling temperature, 0 to 1"),
            new ProviderParameter("top_p", Type.NUMBER, "nucleus sampling mass, 0 to 1"),
            new ProviderParameter("top_k", Type.INTEGER, "sample only from the k most likely tokens"),
            new ProviderParameter("max_tokens", Type.INTEGER, "the most tokens to generate, default " + DEFAULT_MAX_TOKENS),
            new ProviderParameter("stop_sequences", Type.TEXTS, "sequences where generation stops"),
            new ProviderParameter("service_tier", Type.STRING, "auto or standard_only"));

    public AnthropicProvider() {
        super(NAME, DEFAULT_BASE_URL, SAMPLING_PARAMETERS);
    }

    @Override
    public List<ProviderParameter> parameters() {
        return List.of(VERSION);
    }

    @Override
    public void validate(ModelSpec spec) {
        Object maxTokens = spec.samplingParams().get("max_tokens");
        if (maxTokens instanceof Number number && number.longValue() < 1) {
            throw new IllegalArgumentException("[max-tokens] must be 1 or more for the Messages API. Raise it, or"
                    + " leave it unset for " + DEFAULT_MAX_TOKENS);
        }
    }

    @Override
    public ModelClient create(ModelSpec spec, ProviderContext context) {
        return new MessagesClient(spec, context.apiKey(), context.unwrap(HttpPipeline.class),
                context.unwrap(StructuredOutputEndpoints.class));
    }
}
