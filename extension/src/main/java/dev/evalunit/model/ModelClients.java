package dev.evalunit.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelProvider;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.SecretReference;
import dev.evalunit.http.Backoff;
import dev.evalunit.http.HttpPipelines;
import dev.evalunit.provider.StructuredOutputEndpoints;
import java.util.OptionalInt;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.apiguardian.api.API;

/**
 * Creates the model clients of a run: each model's {@link ModelProvider} (see
 * {@link ModelSettings#provider()}) makes the client, and the {@link ClientDecorator} (the cache)
 * wraps it, whatever the provider. HTTP providers share the run's {@link HttpPipelines}: one
 * connection pool, one dispatcher, and the limits of each endpoint. Close it when the run ends.
 */
@API(status = INTERNAL, since = "0.1")
public final class ModelClients implements AutoCloseable {

    private final HttpPipelines http;
    /** The run's memory of which endpoints refuse structured output, shared like the pipelines. */
    private final StructuredOutputEndpoints structuredOutput;
    private final ClientDecorator decorator;
    /** Whether {@link #close()} closes the pipelines and the decorator: false for a {@link #decoratedBy} view. */
    private final boolean owner;

    public ModelClients() {
        this(Backoff.standard());
    }

    /** @param backoff how retries wait; tests pass one that does not sleep */
    public ModelClients(Backoff backoff) {
        this(backoff, ClientDecorator.NONE);
    }

    /**
     * @param backoff how retries wait; tests pass one that does not sleep
     * @param decorator wraps every client created, e.g. in the response cache
     */
    public ModelClients(Backoff backoff, ClientDecorator decorator) {
        this(backoff, decorator, System.err::println);
    }

    /**
     * @param log where, when the run ends, each endpoint whose rate limits slowed calls down is summed up
     *     in one line ({@code [evalunit] rate limited by host:port: concurrency lowered 2 times (lowest 16 of 64, now 64)})
     */
    public ModelClients(Backoff backoff, ClientDecorator decorator, Consumer<String> log) {
        this(new HttpPipelines(backoff, log), new StructuredOutputEndpoints(), decorator, true);
    }

    private ModelClients(HttpPipelines http, StructuredOutputEndpoints structuredOutput, ClientDecorator decorator,
                         boolean owner) {
        this.http = http;
        this.structuredOutput = structuredOutput;
        this.decorator = decorator;
        this.owner = owner;
    }

    /**
     * A view that creates clients on these same pipelines (pool, dispatcher, endpoint limits, what is known
     * of each endpoint's structured output) but wraps
     * them with {@code other}, e.g. the cache counting into one evaluation's counts. Closing the view
     * closes nothing: this instance owns what they share.
     */
    public ModelClients decoratedBy(ClientDecorator other) {
        return new ModelClients(http, structuredOutput, other, false);
    }

    /**
     * A client for {@code settings}, made by its provider. The API key is resolved here, once; not at all
     * when the decorator makes no call ({@link ClientDecorator#callsModels()}, a cache in {@code replay}):
     * the provider then gets no key, and the reference is only checked to be one.
     *
     * @throws ConfigurationException when the provider is unknown, the key is not a reference, its
     *     reference names something unset, or (for an HTTP provider) the base URL is not an http(s) URL
     */
    public ModelClient create(ModelSettings settings, SecretReference secrets) {
        ModelProvider provider = ModelProviders.installed().get(settings.provider(), settings.name());
        ProviderContextImpl context = new ProviderContextImpl(settings, apiKey(settings, secrets),
                decorator.callsModels(), http, structuredOutput);
        return decorator.decorate(provider.create(settings, context), settings);
    }

    private String apiKey(ModelSettings settings, SecretReference secrets) {
        if (!settings.hasApiKey()) {
            return null;
        }
        String owner = "model [" + settings.name() + "]";
        if (!decorator.callsModels()) {
            SecretReference.requireReference(settings.apiKeyReference(), owner);
            return null;
        }
        String key = secrets.resolve(settings.apiKeyReference(), owner);
        // A stray newline from an environment variable would make the header invalid.
        return key.strip();
    }

    /**
     * The current concurrency limit of the endpoint (scheme, host and port) of {@code baseUrl}, or empty
     * when no client of this instance calls it. Halves on each 429, grows back after successes.
     */
    public OptionalInt concurrencyLimit(String baseUrl) {
        return http.concurrencyLimit(baseUrl);
    }

    /**
     * Makes now what the first model call would make: the HTTP client every HTTP provider's pipelines share.
     * The run calls it on a thread of its own while it plans, when it will call models.
     */
    public void prepareCalls() {
        http.prepare();
    }

    /** The client every model's client is derived from. */
    OkHttpClient sharedClient() {
        return http.sharedClient();
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        http.close();
        decorator.close();
    }
}
