package dev.evalunit.model;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.SecretReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Builds model clients that share one HTTP client: one connection pool and one dispatcher for all
 * models of a run. Close it when the run ends.
 *
 * <p>Each attempt of a call passes, in this order: {@link RetryInterceptor} (bounded retries), the
 * model's {@link RequestRateCap} when it has one, the endpoint's {@link EndpointHold}, the endpoint's
 * {@link AdaptiveConcurrency} (through {@link ConcurrencyInterceptor}), and {@link AttemptTimer}. The
 * limits of an endpoint (scheme, host and port) are shared by every client of this instance that calls
 * it, so models on one provider back off together.
 */
public final class ModelClients implements AutoCloseable {

    /** Calls are synchronous, from evalunit's own bounded workers; OkHttp's limits must not bind first. */
    static final int MAX_REQUESTS = 256;
    private static final int MAX_IDLE_CONNECTIONS = 32;

    /** For http endpoints: without a TLS connection spec, OkHttp sets up no TLS (trust store and all). */
    private final OkHttpClient shared;
    /** For https endpoints, made when the first one is asked for; shares the pool and the dispatcher. */
    private volatile OkHttpClient sharedTls;
    private final Backoff backoff;
    private final ClientDecorator decorator;
    private final Consumer<String> log;
    private final Map<Endpoint, AdaptiveConcurrency> concurrency = new ConcurrentHashMap<>();
    private final Map<Endpoint, EndpointHold> holds = new ConcurrentHashMap<>();
    private final Map<RateCapKey, RequestRateCap> rateCaps = new ConcurrentHashMap<>();

    /** A model's rate cap is shared by its clients, unless they declare different rates. */
    private record RateCapKey(String modelName, double requestsPerSecond) {
    }

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
     * @param log where a halving of an endpoint's concurrency is reported, one line each
     *     ({@code [evalunit] model [x]: 429 from host:port, concurrency 32 -> 16})
     */
    ModelClients(Backoff backoff, ClientDecorator decorator, Consumer<String> log) {
        this.backoff = backoff;
        this.decorator = decorator;
        this.log = log;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_REQUESTS);
        dispatcher.setMaxRequestsPerHost(MAX_REQUESTS);
        this.shared = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                // RetryInterceptor decides every retry, so each attempt is counted and backed off.
                .retryOnConnectionFailure(false)
                // Loading the trust store took a fifth of a second of every run's start, also for runs
                // whose models are all local (a stand-in, Ollama, vLLM over http).
                .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                .build();
    }

    /** The shared client that speaks {@code url}'s scheme. */
    private OkHttpClient base(HttpUrl url) {
        if (!url.isHttps()) {
            return shared;
        }
        OkHttpClient tls = sharedTls;
        if (tls == null) {
            synchronized (this) {
                if (sharedTls == null) {
                    sharedTls = shared.newBuilder()
                            .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
                            .build();
                }
                tls = sharedTls;
            }
        }
        return tls;
    }

    /**
     * A client for {@code settings}. The API key is resolved here, once.
     *
     * @throws ConfigurationException when the key's reference names something unset, or the base URL
     *     (from a source other than {@link ModelSettingsResolver}, which checks it) is not an http(s) URL
     */
    public ModelClient create(ModelSettings settings, SecretReference secrets) {
        if (HttpUrl.parse(settings.baseUrl()) == null) {
            throw new ConfigurationException("the base URL of model [" + settings.name()
                    + "] must be an http(s) URL, e.g. https://api.openai.com/v1.");
        }
        String apiKey = apiKey(settings, secrets);
        if (!settings.provider().equals(ModelSettings.OPENAI)) {
            throw new ConfigurationException("model [" + settings.name() + "] has unknown provider ["
                    + settings.provider() + "]. Use openai.");
        }
        return decorator.decorate(new OpenAiChatClient(settings, apiKey, http(settings)), settings);
    }

    private static String apiKey(ModelSettings settings, SecretReference secrets) {
        if (!settings.hasApiKey()) {
            return null;
        }
        String reference = settings.apiKeyReference();
        String key = SecretReference.isReference(reference)
                ? secrets.resolve(reference, "model [" + settings.name() + "]")
                : reference;
        // A stray newline from an environment variable would make the header invalid.
        return key.strip();
    }

    /**
     * Shares the pool and dispatcher. OkHttp's call timeout spans the retries and their waits, so it
     * stays off; the model's timeout bounds each connect, read and write of each attempt instead.
     */
    private OkHttpClient http(ModelSettings settings) {
        Duration timeout = settings.timeout();
        RateLimits limits = settings.rateLimits();
        HttpUrl url = HttpUrl.get(settings.baseUrl());
        Endpoint endpoint = Endpoint.of(url);
        OkHttpClient.Builder builder = base(url).newBuilder()
                .callTimeout(Duration.ZERO)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .addInterceptor(new RetryInterceptor(settings.maxRetries(), limits.maxRetryTime(), backoff));
        limits.requestsPerSecond().ifPresent(rate -> builder.addInterceptor(rateCaps.computeIfAbsent(
                new RateCapKey(settings.name(), rate), key -> new RequestRateCap(rate, backoff))));
        return builder
                .addInterceptor(holds.computeIfAbsent(endpoint, key -> new EndpointHold(backoff)))
                .addInterceptor(new ConcurrencyInterceptor(concurrency(endpoint, limits.maxConcurrency()), endpoint,
                        settings.name(), log))
                .addInterceptor(new AttemptTimer())
                .addNetworkInterceptor(new HiddenRetryAfter())
                .build();
    }

    private AdaptiveConcurrency concurrency(Endpoint endpoint, int maximum) {
        AdaptiveConcurrency limit = concurrency.computeIfAbsent(endpoint, key -> new AdaptiveConcurrency(maximum));
        limit.lowerMaximum(maximum);
        return limit;
    }

    /**
     * The current concurrency limit of the endpoint (scheme, host and port) of {@code baseUrl}, or empty
     * when no client of this instance calls it. Halves on each 429, grows back after successes.
     */
    public OptionalInt concurrencyLimit(String baseUrl) {
        HttpUrl url = HttpUrl.parse(baseUrl);
        AdaptiveConcurrency limit = url == null ? null : concurrency.get(Endpoint.of(url));
        return limit == null ? OptionalInt.empty() : OptionalInt.of(limit.limit());
    }

    /** The client every model's client is derived from. */
    OkHttpClient sharedClient() {
        return shared;
    }

    @Override
    public void close() {
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
        decorator.close();
    }
}
