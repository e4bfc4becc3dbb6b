package dev.evalunit.provider.gemini;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.AccessTokenSource;
import dev.evalunit.api.spi.AccessTokens;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.api.spi.ProviderContext;
import dev.evalunit.api.spi.ProviderParameter;
import dev.evalunit.api.spi.ProviderParameter.Type;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigKeys.ModelKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.http.HttpPipeline;
import dev.evalunit.provider.AccessTokenSources;
import dev.evalunit.provider.HttpModelProvider;
import dev.evalunit.provider.StructuredOutputEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.apiguardian.api.API;

/**
 * {@code vertex}: Gemini on Google Cloud's Vertex AI, {@code POST {base-url}/v1/projects/{project}/locations/
 * {location}/publishers/google/models/{model}:generateContent} with {@code Authorization: Bearer <token>}.
 * The token is the model's {@code api-key} when it declares one (an OAuth 2 access token, e.g. from
 * {@code gcloud auth print-access-token}, given as {@code ${env:...}} or {@code ${file:...}}, fixed for the
 * run); else it comes, per request, from the {@link AccessTokenSource} on the class path (e.g.
 * {@code evalunit-google-auth}: Application Default Credentials), whose parameters the provider then
 * accepts too; with neither, creating the client is a configuration error. The body and
 * the reply are Gemini's ({@link GenerateContentClient}). Its own parameters are {@code project}
 * (required) and {@code location} (default {@value #DEFAULT_LOCATION}). Without {@code base-url} a model
 * calls {@code https://{location}-aiplatform.googleapis.com}, or {@value #DEFAULT_BASE_URL} for the
 * {@code global} location.
 */
@API(status = INTERNAL, since = "0.1")
public final class VertexProvider extends HttpModelProvider {

    /** The provider's name, in {@code evalunit.models.NAME.provider}. */
    public static final String NAME = "vertex";

    /**
     * The global endpoint: the default base URL, which the client turns into the location's regional
     * endpoint ({@code https://us-central1-aiplatform.googleapis.com}) unless the location is {@code global}.
     */
    public static final String DEFAULT_BASE_URL = "https://aiplatform.googleapis.com";

    /** The location used when {@code location} is not set. */
    public static final String DEFAULT_LOCATION = "us-central1";

    /** {@code evalunit.models.NAME.project}: the Google Cloud project ID. */
    static final ProviderParameter PROJECT = new ProviderParameter("project", Type.STRING,
            "the Google Cloud project ID, required");

    /** {@code evalunit.models.NAME.location}: the region, or {@code global}. */
    static final ProviderParameter LOCATION = new ProviderParameter("location", Type.STRING,
            "the region, e.g. us-central1, or global; default " + DEFAULT_LOCATION);

    private static final String AUTHORIZATION = "Authorization";
    static final String BEARER = "Bearer ";
    private static final String GLOBAL = "global";
    private static final String PUBLISHER_PREFIX = "publishers/google/models/";
    private static final Pattern LOCATION_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z0-9.:-]+");
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._@-]+");

    public VertexProvider() {
        super(NAME, DEFAULT_BASE_URL, GeminiProvider.SAMPLING_PARAMETERS);
    }

    @Override
    public List<ProviderParameter> parameters() {
        List<ProviderParameter> parameters = new ArrayList<>(List.of(PROJECT, LOCATION));
        parameters.addAll(AccessTokenSources.parameters());
        return List.copyOf(parameters);
    }

    @Override
    public void validate(ModelSpec spec) {
        Object project = spec.providerParams().get(PROJECT.name());
        if (project == null || ((String) project).isBlank()) {
            throw new IllegalArgumentException("[project] is required for Vertex AI. Set evalunit.models." + spec.name()
                    + ".project to the Google Cloud project ID, e.g. my-project");
        }
        if (!PROJECT_ID.matcher(((String) project).trim()).matches()) {
            throw new IllegalArgumentException("[project] must be a Google Cloud project ID (lower case letters, digits"
                    + " and dashes), but was '" + project + "'. Correct it");
        }
        if (!LOCATION_NAME.matcher(location(spec)).matches()) {
            throw new IllegalArgumentException("[location] must be a Google Cloud region such as us-central1, or"
                    + " global, but was '" + location(spec) + "'. Correct it, or leave it unset for " + DEFAULT_LOCATION);
        }
        if (!MODEL_ID.matcher(modelId(spec.model())).matches()) {
            throw new IllegalArgumentException("[model] must be a Gemini model ID such as gemini-2.5-flash, or"
                    + " publishers/google/models/<id>, but was '" + spec.model() + "'. Correct it");
        }
        GenerateContentRequestBody.checkMaxTokens(spec);
    }

    /**
     * With the model's {@code api-key} when it has one, or with nothing when the client will not call (a
     * replay); else with the installed {@link AccessTokenSource}'s tokens, asked per request.
     *
     * @throws ConfigurationException when there is neither a key nor a source, or the source finds no credentials
     */
    @Override
    public ModelClient create(ModelSpec spec, ProviderContext context) {
        HttpPipeline http = context.unwrap(HttpPipeline.class);
        String key = context.apiKey();
        if (key != null || !context.callsModels()) {
            String header = key == null ? null : BEARER + key;
            return client(spec, context, http, () -> header);
        }
        AccessTokenSource source = AccessTokenSources.installed().orElseThrow(() -> new ConfigurationException(
                "model [" + spec.name() + "] (provider [" + NAME + "]) has no credentials for Vertex AI. Set "
                        + ConfigKeys.modelKey(spec.name(), ModelKeys.API_KEY) + "=${env:NAME} (an access token, e.g."
                        + " from gcloud auth print-access-token), or add evalunit-google-auth to the test class path"
                        + " to use Application Default Credentials."));
        AccessTokens tokens;
        try {
            tokens = source.open(spec);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? source.name() + " found no credentials" : e.getMessage();
            throw new ConfigurationException("model [" + spec.name() + "] (provider [" + NAME + "]): " + message
                    + (message.endsWith(".") ? "" : "."), e);
        }
        HttpPipeline named = http.namingCredential(source.name());
        return client(spec, context, named, new BearerTokens(tokens, source.name(), named));
    }

    private static ModelClient client(ModelSpec spec, ProviderContext context, HttpPipeline http,
                                      GenerateContentClient.Credential credential) {
        return new GenerateContentClient(spec, endpoint(http.baseUrl(), spec),
                new GenerateContentClient.Auth(AUTHORIZATION, credential), http,
                context.unwrap(StructuredOutputEndpoints.class));
    }

    /**
     * The model's URL: on the location's regional host when the base URL is the default global one
     * (and the location is not {@code global}), else on the base URL as given (a proxy, a stand-in).
     */
    static HttpUrl endpoint(HttpUrl base, ModelSpec spec) {
        String location = location(spec);
        HttpUrl.Builder url = base.newBuilder();
        if (base.host().equals(HttpUrl.get(DEFAULT_BASE_URL).host()) && !GLOBAL.equals(location)) {
            url.host(location + "-" + base.host());
        }
        return url.addPathSegment("v1")
                .addPathSegment("projects").addPathSegment(((String) spec.providerParams().get(PROJECT.name())).trim())
                .addPathSegment("locations").addPathSegment(location)
                .addPathSegments("publishers/google/models")
                .addPathSegment(modelId(spec.model()) + GenerateContentClient.METHOD)
                .build();
    }

    private static String location(ModelSpec spec) {
        Object location = spec.providerParams().get(LOCATION.name());
        return location == null ? DEFAULT_LOCATION : ((String) location).trim();
    }

    /** {@code gemini-2.5-flash} from itself or from {@code publishers/google/models/gemini-2.5-flash}. */
    private static String modelId(String model) {
        return model.startsWith(PUBLISHER_PREFIX) ? model.substring(PUBLISHER_PREFIX.length()) : model;
    }
}
