package dev.evalunit.provider.gemini;

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
import okhttp3.HttpUrl;
import org.apiguardian.api.API;

/**
 * {@code gemini}: the Gemini API of Google AI, {@code POST {base-url}/v1beta/models/{model}:generateContent}
 * with the key in {@code x-goog-api-key} ({@link GenerateContentClient}). Registered in the engine's
 * {@code META-INF/services/dev.evalunit.api.spi.ModelProvider}. Its sampling parameters are those of
 * the reference's {@code GenerationConfig}, under their snake_case (protocol buffer) names, which the
 * client sends in camelCase inside {@code generationConfig}; anything else (e.g. {@code safetySettings})
 * goes in {@code extra_params}.
 */
@API(status = INTERNAL, since = "0.1")
public final class GeminiProvider extends HttpModelProvider {

    /** The provider's name, in {@code evalunit.models.NAME.provider}. */
    public static final String NAME = "gemini";

    /** Where a model calls when it sets no {@code base-url}; the client appends {@code /v1beta/models/...}. */
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

    /** The {@code GenerationConfig} fields a request may set, shared with {@link VertexProvider}. */
    static final List<ProviderParameter> SAMPLING_PARAMETERS = List.of(
            new ProviderParameter("temperature", Type.NUMBER, "sampling temperature, 0 to 2 (temperature)"),
            new ProviderParameter("top_p", Type.NUMBER, "nucleus sampling mass, 0 to 1 (topP)"),
            new ProviderParameter("top_k", Type.INTEGER, "sample only from the k most likely tokens (topK)"),
            new ProviderParameter("max_tokens", Type.INTEGER, "the most tokens to generate (maxOutputTokens)"),
            new ProviderParameter("max_output_tokens", Type.INTEGER, "the most tokens to generate (maxOutputTokens)"),
            new ProviderParameter("stop_sequences", Type.TEXTS, "sequences where generation stops (stopSequences)"),
            new ProviderParameter("seed", Type.INTEGER, "the decoding seed (seed)"),
            new ProviderParameter("presence_penalty", Type.NUMBER, "penalty on tokens already used (presencePenalty)"),
            new ProviderParameter("frequency_penalty", Type.NUMBER, "penalty by use count (frequencyPenalty)"));

    static final String API_KEY_HEADER = "x-goog-api-key";
    private static final String MODELS_PREFIX = "models/";

    public GeminiProvider() {
        super(NAME, DEFAULT_BASE_URL, SAMPLING_PARAMETERS);
    }

    @Override
    public void validate(ModelSpec spec) {
        GenerateContentRequestBody.checkMaxTokens(spec);
    }

    @Override
    public ModelClient create(ModelSpec spec, ProviderContext context) {
        HttpPipeline http = context.unwrap(HttpPipeline.class);
        return new GenerateContentClient(spec, endpoint(http.baseUrl(), spec.model()),
                GenerateContentClient.Auth.header(API_KEY_HEADER, context.apiKey()), http,
                context.unwrap(StructuredOutputEndpoints.class));
    }

    /** {@code {base}/v1beta/models/{model}:generateContent}; a model given as {@code models/...} is taken as it is. */
    static HttpUrl endpoint(HttpUrl base, String model) {
        String id = model.startsWith(MODELS_PREFIX) ? model.substring(MODELS_PREFIX.length()) : model;
        return base.newBuilder().addPathSegments("v1beta/models").addPathSegment(id + GenerateContentClient.METHOD).build();
    }
}
