package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What the engine hands a {@link ModelProvider} when it creates a client: the model's resolved API
 * key and the run's shared services. One per client created.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ProviderContext {

    /**
     * The model's API key, resolved from its reference ({@code ${env:NAME}}, {@code ${file:PATH}}) and
     * stripped, or {@code null} when none is declared or none is needed (a run that replays its cache
     * makes no call, so resolves no key). Never put it in a message or a log line.
     */
    String apiKey();

    /**
     * Whether the client will send requests: {@code false} when the run replays its cache, which makes no
     * call, so that a provider then looks for no credentials (no key, no {@link AccessTokenSource}).
     * {@code true} by default.
     */
    default boolean callsModels() {
        return true;
    }

    /**
     * A service of the engine bound to this model, like JDBC's {@code Wrapper.unwrap}. The engine
     * ({@code evalunit-extension}) offers {@code dev.evalunit.http.HttpPipeline}: the run's shared
     * HTTP client with retries, backoff, rate limits, concurrency and timeouts configured for this
     * model, so that an HTTP provider adds only its wire format; and
     * {@code dev.evalunit.provider.StructuredOutputEndpoints}: the run's memory of which endpoints refuse
     * structured output, so that each refuses it once per run.
     *
     * @throws IllegalArgumentException when the engine offers no service of that type
     */
    <T> T unwrap(Class<T> type);
}
