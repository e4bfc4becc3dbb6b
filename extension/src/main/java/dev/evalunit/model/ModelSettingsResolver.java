package dev.evalunit.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.Model;
import dev.evalunit.api.spi.ModelProvider;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigKeys.ModelKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretProperties;
import dev.evalunit.config.SecretReference;
import dev.evalunit.http.Hedging;
import dev.evalunit.http.RateLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import okhttp3.HttpUrl;
import org.apiguardian.api.API;

/**
 * Merges a model's declarations: an inline {@link Model} attribute that is set wins over the
 * configuration {@code evalunit.models.<name>.<key>}, which wins over the defaults.
 */
@API(status = INTERNAL, since = "0.1")
public final class ModelSettingsResolver {

    /** Made when first needed: an ObjectMapper costs a tenth of a second of class loading at a run's start. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }
    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };
    // Resolving against lookups that know nothing always fails; for a literal it fails with
    // SecretReference's own wording, which this class therefore does not repeat.
    private static final SecretReference NO_SECRETS = new SecretReference(name -> null, path -> null);

    private final EvalConfig config;
    private final List<String> inlineDeclared;

    public ModelSettingsResolver(EvalConfig config) {
        this(config, List.of());
    }

    /** @param inline the models declared with {@code @Model} next to the evaluation, named when one is not declared */
    public ModelSettingsResolver(EvalConfig config, List<Model> inline) {
        this.config = config;
        this.inlineDeclared = inline.stream().filter(m -> !m.baseUrl().isBlank()).map(Model::name).toList();
    }

    /**
     * The settings of the model declared as {@code name}.
     *
     * @param annotation the {@link Model} annotation declaring {@code name}, if any
     * @throws ConfigurationException when the model is not declared or a value is malformed
     */
    public ModelSettings resolve(String name, Optional<Model> annotation) {
        ModelProvider provider = provider(name);
        String model = annotation.map(Model::model).filter(v -> !v.isBlank())
                .or(() -> configured(name, ModelKeys.MODEL)).orElse(name);
        String baseUrl = baseUrl(name, annotation, provider);
        String apiKey = apiKey(name, annotation);
        String systemPrompt = annotation.map(Model::systemPrompt).filter(v -> !v.isBlank())
                .or(() -> configured(name, ModelKeys.SYSTEM_PROMPT)).orElse(null);
        Map<String, Object> extraParams = extraParams(name, annotation);
        Duration timeout = Duration.ofSeconds(config.getPositiveInt(key(name, ModelKeys.TIMEOUT_SECONDS),
                ConfigKeys.DEFAULT_TIMEOUT_SECONDS));
        ModelSettings settings = new ModelSettings(name, provider.name(), model, baseUrl, apiKey, systemPrompt,
                samplingParams(name, annotation), extraParams, timeout, maxRetries(name), rateLimits(name),
                ProviderParams.read(provider, name, config));
        validate(provider, settings);
        return settings;
    }

    /** The provider's own checks, worded as a configuration error. */
    static void validate(ModelProvider provider, ModelSettings settings) {
        try {
            provider.validate(settings);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "its settings are invalid" : e.getMessage();
            throw new ConfigurationException("model [" + settings.name() + "] (provider [" + provider.name() + "]): "
                    + message + (message.endsWith(".") ? "" : "."), e);
        }
    }

    /** Configuration only: how hard to press on a provider is a matter of the account, not of one test. */
    private RateLimits rateLimits(String name) {
        int maxConcurrency = config.getPositiveInt(key(name, ModelKeys.MAX_CONCURRENCY),
                ConfigKeys.DEFAULT_MAX_CONCURRENCY);
        Duration maxRetryTime = Duration.ofSeconds(config.getPositiveInt(key(name, ModelKeys.MAX_RETRY_SECONDS),
                ConfigKeys.DEFAULT_MAX_RETRY_SECONDS));
        return new RateLimits(maxConcurrency, requestsPerSecond(name), maxRetryTime,
                seconds(name, ModelKeys.CONNECT_TIMEOUT_SECONDS), seconds(name, ModelKeys.FIRST_BYTE_TIMEOUT_SECONDS),
                hedging(name));
    }

    /** Off unless the percentile is set; the floor alone turns nothing on, but is checked all the same. */
    private Optional<Hedging> hedging(String name) {
        Duration minimum = Duration.ofMillis(config.getPositiveInt(key(name, ModelKeys.HEDGE_MIN_MS),
                (int) Hedging.DEFAULT_MINIMUM.toMillis()));
        String key = key(name, ModelKeys.HEDGE_AFTER_PERCENTILE);
        Optional<Double> percentile = config.getDouble(key);
        if (percentile.isEmpty()) {
            return Optional.empty();
        }
        if (!(percentile.get() >= Hedging.LOWEST_PERCENTILE && percentile.get() <= Hedging.HIGHEST_PERCENTILE)) {
            throw new ConfigurationException("[" + key + "] must be a percentile from 50 to 99.9, e.g. 95, but was "
                    + config.get(key).orElseThrow() + ". Leave it unset for no hedging.");
        }
        return Optional.of(new Hedging(percentile.get(), minimum));
    }

    /** A positive number of seconds, when set; the default follows from the others. */
    private Optional<Duration> seconds(String name, String modelKey) {
        String key = key(name, modelKey);
        return config.getInt(key).map(value -> Duration.ofSeconds(config.getPositiveInt(key, value)));
    }

    private OptionalDouble requestsPerSecond(String name) {
        String key = key(name, ModelKeys.REQUESTS_PER_SECOND);
        Optional<Double> rate = config.getDouble(key);
        if (rate.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (!(rate.get() > 0) || rate.get().isInfinite()) {
            throw new ConfigurationException("[" + key + "] must be a positive number, e.g. 2.5, but was "
                    + config.get(key).orElseThrow() + ". Leave it unset for no cap.");
        }
        return OptionalDouble.of(rate.get());
    }

    /** Checked first: a model of an unknown provider is reported as such, whatever else it declares. */
    private ModelProvider provider(String name) {
        return ModelProviders.installed().get(configured(name, ModelKeys.PROVIDER).orElse(ModelSettings.OPENAI), name);
    }

    /**
     * The inline attribute, else the configured key, else, for a model declared by its {@code provider}
     * key, the provider's public API ({@link ModelProvider#defaultBaseUrl()}).
     */
    private String baseUrl(String name, Optional<Model> annotation, ModelProvider provider) {
        Optional<String> inline = annotation.map(Model::baseUrl).filter(v -> !v.isBlank()).map(String::trim);
        String culprit = inline.isPresent() ? inlineAttribute(name, "baseUrl") : key(name, ModelKeys.BASE_URL);
        Optional<String> given = inline.or(() -> configured(name, ModelKeys.BASE_URL));
        if (given.isEmpty() && configured(name, ModelKeys.PROVIDER).isPresent()) {
            return provider.defaultBaseUrl().orElseThrow(() -> new ConfigurationException("model [" + name
                    + "] (provider [" + provider.name() + "]) has no base URL, and its provider has no public API to"
                    + " default to. Set " + key(name, ModelKeys.BASE_URL) + " in junit-platform.properties."));
        }
        String url = given.orElseThrow(() -> new ConfigurationException(
                "model [" + name + "] is not declared. "
                        + DeclaredModels.hint(name, DeclaredModels.names(config, inlineDeclared))
                        + "Set " + key(name, ModelKeys.BASE_URL)
                        + " in junit-platform.properties or declare @Model(name = \"" + name + "\", baseUrl = ...)."));
        // The value stays out of the message: a URL can carry credentials.
        if (HttpUrl.parse(url) == null) {
            throw new ConfigurationException("[" + culprit + "] must be an http(s) URL, e.g. https://api.openai.com/v1.");
        }
        return url;
    }

    private String apiKey(String name, Optional<Model> annotation) {
        String key = key(name, ModelKeys.API_KEY);
        if (SecretProperties.wasRemoved(key)) {
            throw new ConfigurationException("[" + key + "] was passed as a system property holding a key, and system"
                    + " properties are copied into Surefire's reports; evalunit removed it. Write " + SecretReference.FORMS
                    + " instead of the key itself, and pass no key with -D.");
        }
        Optional<String> inline = annotation.map(Model::apiKey).filter(v -> !v.isBlank()).map(String::trim);
        if (inline.isPresent()) {
            if (!SecretReference.isReference(inline.get())) {
                NO_SECRETS.resolve(inline.get(), "model [" + name + "]");
            }
            return inline.get();
        }
        Optional<String> configured = configured(name, ModelKeys.API_KEY);
        if (configured.isPresent() && !SecretReference.isReference(configured.get())) {
            // A key in a system property is in Surefire's reports: the one a ${sys:NAME} names goes too.
            SecretProperties.forgetReferenced(configured.get());
            throw new ConfigurationException("[" + key + "] holds " + (configured.get().startsWith("${")
                    ? "a reference evalunit does not read" : "a key itself, not a reference") + ". Write "
                    + SecretReference.FORMS + " instead of the key itself.");
        }
        return configured.orElse(null);
    }

    private Map<String, Object> samplingParams(String name, Optional<Model> annotation) {
        Map<String, Object> params = new LinkedHashMap<>();
        annotation.map(Model::temperature).filter(t -> !t.isNaN())
                .or(() -> config.getDouble(key(name, ModelKeys.TEMPERATURE)))
                .ifPresent(t -> params.put("temperature", t));
        config.getDouble(key(name, ModelKeys.TOP_P)).ifPresent(p -> params.put("top_p", p));
        annotation.map(Model::maxTokens).filter(t -> t >= 0)
                .or(() -> config.getInt(key(name, ModelKeys.MAX_TOKENS)))
                .ifPresent(t -> params.put("max_tokens", t));
        return params;
    }

    private Map<String, Object> extraParams(String name, Optional<Model> annotation) {
        Optional<String> inline = annotation.map(Model::extraParams).filter(v -> !v.isBlank());
        if (inline.isPresent()) {
            return jsonObject(inline.get(), inlineAttribute(name, "extraParams"));
        }
        return configured(name, ModelKeys.EXTRA_PARAMS)
                .map(text -> jsonObject(text, key(name, ModelKeys.EXTRA_PARAMS)))
                .orElse(Map.of());
    }

    private int maxRetries(String name) {
        String key = key(name, ModelKeys.MAX_RETRIES);
        int retries = config.getInt(key).orElse(ConfigKeys.DEFAULT_MAX_RETRIES);
        if (retries < 0) {
            throw new ConfigurationException("[" + key + "] must be zero or more, but was " + retries + ".");
        }
        return retries;
    }

    private static Map<String, Object> jsonObject(String text, String culprit) {
        try {
            JsonNode node = Mapper.JSON.readTree(text);
            if (node != null && node.isObject()) {
                return Mapper.JSON.convertValue(node, JSON_OBJECT);
            }
        } catch (JsonProcessingException e) {
            // reported below, like any other value that is not an object
        }
        throw new ConfigurationException("[" + culprit + "] must be a JSON object, e.g. {\"seed\": 7}.");
    }

    private Optional<String> configured(String name, String key) {
        return config.get(key(name, key));
    }

    private static String key(String name, String key) {
        return ConfigKeys.modelKey(name, key);
    }

    private static String inlineAttribute(String name, String attribute) {
        return "@Model(name = \"" + name + "\")." + attribute;
    }
}
