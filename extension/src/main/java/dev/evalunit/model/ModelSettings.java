package dev.evalunit.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.http.RateLimits;
import dev.evalunit.provider.openai.OpenAiProvider;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Everything needed to call one declared model, after annotation, configuration and defaults are
 * merged (see {@link ModelSettingsResolver}).
 *
 * @param name the name the model is declared under
 * @param provider the name of the {@link dev.evalunit.api.spi.ModelProvider} that calls the model,
 *     {@code openai} (OpenAI-compatible chat completions) by default
 * @param model the provider's model identifier, sent as {@code model}
 * @param baseUrl the endpoint's base URL, the provider's public API when none is configured; the
 *     provider appends its path ({@code /chat/completions} for openai, {@code /v1/messages} for anthropic)
 * @param apiKeyReference {@code ${env:NAME}} / {@code ${file:PATH}}, never the key itself;
 *     {@code null} for no {@code Authorization} header. Never printed.
 * @param systemPrompt sent as the first message, or {@code null}
 * @param samplingParams request body parameters under their OpenAI names ({@code temperature},
 *     {@code top_p}, {@code max_tokens})
 * @param extraParams request body parameters merged last, so they may override anything
 * @param timeout the limit of each connect, read and write of one attempt
 * @param maxRetries retries after the first attempt (see {@link #maxAttempts()})
 * @param rateLimits concurrency, rate cap and retry time on the endpoint; not part of what a model answers
 * @param providerParams the values of the provider's own parameters that are set, typed
 */
@API(status = INTERNAL, since = "0.1")
public record ModelSettings(String name, String provider, String model, String baseUrl, String apiKeyReference,
                            String systemPrompt, Map<String, Object> samplingParams, Map<String, Object> extraParams,
                            Duration timeout, int maxRetries, RateLimits rateLimits,
                            Map<String, Object> providerParams) implements ModelSpec {

    /** The default provider. */
    public static final String OPENAI = OpenAiProvider.NAME;

    public ModelSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(rateLimits, "rateLimits");
        samplingParams = readOnlyCopy(samplingParams);
        extraParams = readOnlyCopy(extraParams);
        providerParams = readOnlyCopy(providerParams);
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be zero or more, but was " + maxRetries);
        }
    }

    /** Without provider parameters. */
    public ModelSettings(String name, String provider, String model, String baseUrl, String apiKeyReference,
                         String systemPrompt, Map<String, Object> samplingParams, Map<String, Object> extraParams,
                         Duration timeout, int maxRetries, RateLimits rateLimits) {
        this(name, provider, model, baseUrl, apiKeyReference, systemPrompt, samplingParams, extraParams, timeout,
                maxRetries, rateLimits, Map.of());
    }

    /** With the default {@link RateLimits} and no provider parameters. */
    public ModelSettings(String name, String provider, String model, String baseUrl, String apiKeyReference,
                         String systemPrompt, Map<String, Object> samplingParams, Map<String, Object> extraParams,
                         Duration timeout, int maxRetries) {
        this(name, provider, model, baseUrl, apiKeyReference, systemPrompt, samplingParams, extraParams, timeout,
                maxRetries, RateLimits.DEFAULT);
    }

    /**
     * A model given only its base URL, with the default model id, timeout and retries: called with the wire
     * format of the provider whose public API the URL is on ({@code https://api.anthropic.com} is
     * {@code anthropic}), else OpenAI-compatible.
     */
    public static ModelSettings atBaseUrl(String name, String baseUrl) {
        return atBaseUrl(name, baseUrl, EvalConfig.empty());
    }

    /** As {@link #atBaseUrl(String, String)}, the calls sent where {@code evalunit.base-urls.<baseUrl>} routes them. */
    public static ModelSettings atBaseUrl(String name, String baseUrl, EvalConfig config) {
        String routed = config.get(ConfigKeys.BASE_URLS_PREFIX + baseUrl.strip()).map(String::strip).orElse(baseUrl);
        return new ModelSettings(name, ModelProviders.forBaseUrl(baseUrl), name, routed, null, null, Map.of(), Map.of(),
                Duration.ofSeconds(ConfigKeys.DEFAULT_TIMEOUT_SECONDS), ConfigKeys.DEFAULT_MAX_RETRIES);
    }

    /** An OpenAI-compatible model with the default model id, timeout and retries, and nothing else. */
    public static ModelSettings openAi(String name, String baseUrl) {
        return new ModelSettings(name, OPENAI, name, baseUrl, null, null, Map.of(), Map.of(),
                Duration.ofSeconds(ConfigKeys.DEFAULT_TIMEOUT_SECONDS), ConfigKeys.DEFAULT_MAX_RETRIES);
    }

    /**
     * The most HTTP requests one call sends: the first attempt and {@link #maxRetries()} retries. Fewer
     * when the retry time limit ({@link RateLimits#maxRetryTime()}) is reached first. A request with a
     * response schema that the server refuses (400/422) is sent once more without it, so such a call
     * may send one request more than this. A 429 that names a wait is not counted: the server scheduled
     * the call, and the retry time limit alone bounds how long it waits for its turn.
     */
    public int maxAttempts() {
        return maxRetries + 1;
    }

    /** The same model with other rate limits. */
    public ModelSettings withRateLimits(RateLimits limits) {
        return new ModelSettings(name, provider, model, baseUrl, apiKeyReference, systemPrompt, samplingParams,
                extraParams, timeout, maxRetries, limits, providerParams);
    }

    public boolean hasApiKey() {
        return apiKeyReference != null && !apiKeyReference.isBlank();
    }

    /** Leaves the API key out: it may be a literal key from the configuration. */
    @Override
    public String toString() {
        return "ModelSettings[name=" + name + ", provider=" + provider + ", model=" + model + ", baseUrl=" + baseUrl
                + ", systemPrompt=" + systemPrompt + ", samplingParams=" + samplingParams + ", extraParams="
                + extraParams + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", rateLimits=" + rateLimits
                + ", providerParams=" + providerParams + "]";
    }

    // JSON values may be null (e.g. {"stop": null}), which Map.copyOf rejects.
    private static Map<String, Object> readOnlyCopy(Map<String, Object> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
