package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What a {@link ModelProvider} is told about one declared model, after annotation, configuration
 * and defaults are merged. Never holds the API key: a provider gets the resolved key from its
 * {@link ProviderContext}, so that a spec can be logged or put in a message.
 *
 * <p>The keys below are {@code evalunit.models.NAME.<key>} in the configuration.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ModelSpec {

    /** The name the model is declared under ({@code NAME}); errors and logs say it in brackets. */
    String name();

    /** The provider's name ({@code provider}, default {@code openai}), as {@link ModelProvider#name()} says it. */
    String provider();

    /** The provider's model identifier ({@code model}, default: the declared name). */
    String model();

    /** The endpoint's base URL ({@code base-url}); always an http(s) URL. */
    String baseUrl();

    /** The system prompt ({@code system-prompt}), or {@code null}. */
    String systemPrompt();

    /**
     * Sampling parameters under their OpenAI names ({@code temperature}, {@code top_p},
     * {@code max_tokens}), only those set; a provider maps them to its own names.
     */
    Map<String, Object> samplingParams();

    /** Request parameters the user wants merged into each request ({@code extra-params}, a JSON object). */
    Map<String, Object> extraParams();

    /**
     * The values of the provider's own {@link ModelProvider#parameters() parameters} that are set,
     * under their names, already converted to the declared type. Part of every cache key of the model.
     */
    Map<String, Object> providerParams();

    /** The limit of each connect, read and write of one attempt ({@code timeout-seconds}). */
    Duration timeout();

    /** Retries after the first attempt ({@code max-retries}). */
    int maxRetries();
}
