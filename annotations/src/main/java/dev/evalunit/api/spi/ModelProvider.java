package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A kind of model the engine can call: a wire format (OpenAI-compatible chat completions, another
 * vendor's API, a home-grown JSON service) or an in-process model. A model declares its provider with
 * {@code evalunit.models.NAME.provider} (default {@code openai}).
 *
 * <p>Providers are found with {@link java.util.ServiceLoader}, like Testcontainers'
 * {@code JdbcDatabaseContainerProvider}: a new provider is a class with a public no-argument
 * constructor plus one line naming it in {@code META-INF/services/dev.evalunit.api.spi.ModelProvider}.
 * The engine registers its own ({@code openai}) the same way. Names are unique: two providers of one
 * name are a configuration error.
 *
 * <p>The engine asks a provider in this order, all before the first model call of a run: its
 * {@link #name()} when it loads the providers; its {@link #parameters()} and {@link #validate} when it
 * resolves a model's declaration; {@link #create} when a test needs the model. A declaration that names
 * no known provider fails with a {@code Configuration error} that lists the providers found.
 *
 * <p>A worked example, a provider that speaks a small JSON format to any HTTP server and reuses the
 * engine's HTTP pipeline (retries, backoff, {@code Retry-After}, rate limits, concurrency, timeouts,
 * secret scrubbing), from the samples ({@code samples/src/test/java/dev/evalunit/samples/plugins}):
 * <pre>{@code
 * public final class PlainJsonProvider implements ModelProvider {
 *     static final ProviderParameter MAX_WORDS =
 *             new ProviderParameter("max-words", ProviderParameter.Type.INTEGER, "the longest answer, in words");
 *
 *     public String name() { return "plain-json"; }
 *
 *     public List<ProviderParameter> parameters() { return List.of(MAX_WORDS); }
 *
 *     public void validate(ModelSpec spec) {
 *         Object maxWords = spec.providerParams().get(MAX_WORDS.name());
 *         if (maxWords != null && (Integer) maxWords < 1) {
 *             throw new IllegalArgumentException("[max-words] must be 1 or more. Raise it, or leave it unset");
 *         }
 *     }
 *
 *     public ModelClient create(ModelSpec spec, ProviderContext context) {
 *         return new PlainJsonClient(spec, context.unwrap(HttpPipeline.class));
 *     }
 * }
 * }</pre>
 * and in {@code junit-platform.properties}:
 * <pre>{@code
 * evalunit.models.plain.provider=plain-json
 * evalunit.models.plain.base-url=http://127.0.0.1:8080
 * evalunit.models.plain.max-words=40
 * }</pre>
 * Implementations are thread safe and stateless: one instance serves every model and run of a JVM.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ModelProvider {

    /**
     * The name models declare in {@code evalunit.models.NAME.provider}: lower case letters, digits and
     * dashes, e.g. {@code openai}. Part of every cache key of the provider's models.
     */
    String name();

    /**
     * The settings of its own this provider accepts beyond the common ones of {@link ModelSpec}; the
     * engine reads them from {@code evalunit.models.NAME.<parameter>}, checks their types and hands the
     * values over in {@link ModelSpec#providerParams()}. None by default.
     */
    default List<ProviderParameter> parameters() {
        return List.of();
    }

    /**
     * The sampling parameters this provider's requests take, under the names an experiment set's
     * {@code sampling_params} gives them (the names on the wire, e.g. {@code top_p}), with their types.
     * The engine refuses, before any call, a sampling parameter that is not listed or not of its type,
     * naming the experiment and the key; {@code extra_params} pass through unchecked. None by default,
     * which means the provider does not say: every sampling parameter is then accepted as it is.
     */
    default List<ProviderParameter> samplingParameters() {
        return List.of();
    }

    /**
     * The base URL of the provider's public API, e.g. {@code https://api.anthropic.com}: what a model
     * declared with this provider calls when it sets no {@code base-url}. A custom {@code base-url}
     * (a proxy, a stand-in) replaces it whole, and the provider appends its own path to either.
     * Empty by default: every model of the provider then has to set its {@code base-url}.
     */
    default Optional<String> defaultBaseUrl() {
        return Optional.empty();
    }

    /**
     * Checks what the types alone cannot, e.g. a range or a combination of settings. Called once per
     * declaration, before any model is called.
     *
     * @throws IllegalArgumentException saying what is wrong, the setting in brackets, and what to do;
     *     the engine reports it as a {@code Configuration error} naming the model and the provider
     */
    default void validate(ModelSpec spec) {
    }

    /**
     * A client for the model {@code spec} describes. Called at most once per model and run; the
     * engine wraps the client in its cache when one is configured. Sends nothing yet.
     *
     * @param context the model's resolved API key and the engine's shared services
     */
    ModelClient create(ModelSpec spec, ProviderContext context);
}
