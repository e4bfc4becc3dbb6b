package dev.evalunit.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.config.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.apiguardian.api.API;

/**
 * The HTTP side of a run, shared by every HTTP provider: one connection pool and one dispatcher for
 * all models, and the limits of each endpoint. Hands each model an {@link HttpPipeline}. Close it when
 * the run ends.
 *
 * <p>Each attempt of a call passes, in this order: {@link RetryInterceptor} (bounded retries),
 * {@link ReplyCheckInterceptor} (a 2xx body the provider cannot read is a failed attempt), the model's
 * {@link RequestRateCap} when it has one, the endpoint's {@link EndpointHold}, the endpoint's
 * {@link AdaptiveConcurrency} (through {@link ConcurrencyInterceptor}), and {@link AttemptTimer};
 * {@link HiddenRetryAfter} watches the network. For a model that hedges, {@link HedgeInterceptor} comes right
 * after {@link RetryInterceptor} and runs each attempt (the steps after it) as a call of its own, so that a
 * second attempt can run beside it and the loser can be cancelled; a model that does not hedge has no such step. The limits of an endpoint (scheme, host and port) are
 * shared by every pipeline of this instance that calls it, so models on one server back off together,
 * whatever their provider. Before its first attempt, a call passes the model's {@link ModelGate}: a
 * model whose reply proved it cannot work (a refused key, an unknown model, a wrong base URL, as
 * {@link UnusableReplies} tells) gets no further request.
 */
@API(status = INTERNAL, since = "0.1")
public final class HttpPipelines implements AutoCloseable {

    /** Calls are synchronous, from evalunit's own bounded workers; OkHttp's limits must not bind first. */
    static final int MAX_REQUESTS = 256;
    private static final int MAX_IDLE_CONNECTIONS = 32;

    /**
     * For http endpoints: without a TLS connection spec, OkHttp sets up no TLS (trust store and all).
     * Made when the first model's client is (its first call): a run served from the cache makes none.
     */
    private OkHttpClient shared;
    /** Set by {@link #close}: {@link #prepare} builds nothing after it. */
    private boolean closed;
    /** For https endpoints, made when the first one is asked for; shares the pool and the dispatcher. */
    private volatile OkHttpClient sharedTls;
    private final Backoff backoff;
    private final Consumer<String> log;
    private final Map<Endpoint, AdaptiveConcurrency> concurrency = new ConcurrentHashMap<>();
    private final Map<Endpoint, EndpointHold> holds = new ConcurrentHashMap<>();
    private final Map<RateCapKey, RequestRateCap> rateCaps = new ConcurrentHashMap<>();
    private final Map<GateKey, ModelGate> gates = new ConcurrentHashMap<>();
    private final Map<HedgeKey, Hedges> hedges = new ConcurrentHashMap<>();
    /** Fires the second attempts of hedged calls; made when the first model that hedges is set up. */
    private ScheduledExecutorService hedgeTimer;

    // The keys below write out equals and hashCode: a record's own are bootstrapped through method handles at their
    // first use in a JVM, 5-10 ms on the way to a run's first call (class-load logs; docs/performance.md).

    /** A model's rate cap is shared by its pipelines, unless they declare different rates. */
    private record RateCapKey(String modelName, double requestsPerSecond) {

        @Override
        public boolean equals(Object other) {
            return other instanceof RateCapKey that && modelName.equals(that.modelName)
                    && Double.compare(requestsPerSecond, that.requestsPerSecond) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * modelName.hashCode() + Double.hashCode(requestsPerSecond);
        }
    }

    /** A model's hedging on one endpoint: its latency estimate and counts, shared by its pipelines. */
    private record HedgeKey(String modelName, Endpoint endpoint, Hedging hedging) {

        @Override
        public boolean equals(Object other) {
            return other instanceof HedgeKey that && modelName.equals(that.modelName)
                    && endpoint.equals(that.endpoint) && hedging.equals(that.hedging);
        }

        @Override
        public int hashCode() {
            return Objects.hash(modelName, endpoint, hedging);
        }
    }

    /** What decides whether a model can work: one gate for the pipelines that share them all. */
    private record GateKey(String modelName, String baseUrl, String modelId, String keyReference) {

        @Override
        public boolean equals(Object other) {
            return other instanceof GateKey that && Objects.equals(modelName, that.modelName)
                    && Objects.equals(baseUrl, that.baseUrl) && Objects.equals(modelId, that.modelId)
                    && Objects.equals(keyReference, that.keyReference);
        }

        @Override
        public int hashCode() {
            return Objects.hash(modelName, baseUrl, modelId, keyReference);
        }
    }

    /**
     * @param backoff how retries wait; tests pass one that does not sleep
     * @param log where, when the run ends, each endpoint whose rate limits slowed calls down is summed up in one line
     *     ({@code [evalunit] rate limited by host:port: concurrency lowered 2 times (lowest 16 of 64, now 64)}),
     *     and each model that sent second attempts in another ({@code [evalunit] hedged model [judge] on host:port:
     *     80 second attempts sent after the p95 latency (at least 100 ms; last 140 ms), 76 won})
     */
    public HttpPipelines(Backoff backoff, Consumer<String> log) {
        this.backoff = backoff;
        this.log = log;
    }

    /**
     * The client every other is derived from, made at the first need. Building it costs some 40 ms of a
     * run's start (OkHttp's platform check loads every security provider), which a run whose replies all
     * come from the cache does not need to spend.
     */
    private synchronized OkHttpClient shared() {
        if (shared == null) {
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequests(MAX_REQUESTS);
            dispatcher.setMaxRequestsPerHost(MAX_REQUESTS);
            shared = new OkHttpClient.Builder()
                    .dispatcher(dispatcher)
                    .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                    // RetryInterceptor decides every retry, so each attempt is counted and backed off.
                    .retryOnConnectionFailure(false)
                    // Loading the trust store took a fifth of a second of every run's start, also for runs
                    // whose models are all local (a stand-in, Ollama, vLLM over http).
                    .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                    .build();
        }
        return shared;
    }

    /**
     * The pipeline of the model {@code spec} describes.
     *
     * @param limits the model's concurrency, rate cap and retry time
     * @param apiKey the resolved key, scrubbed from every message the pipeline writes; {@code null} for none
     * @param keyReference where the key comes from ({@code ${env:NAME}}), named when a server refuses
     *     it; {@code null} for none
     * @throws ConfigurationException when the base URL is not an http(s) URL
     */
    public HttpPipeline pipeline(ModelSpec spec, RateLimits limits, String apiKey, String keyReference) {
        HttpUrl url = HttpUrl.parse(spec.baseUrl());
        if (url == null) {
            throw new ConfigurationException("the base URL of model [" + spec.name()
                    + "] must be an http(s) URL, e.g. https://api.openai.com/v1.");
        }
        SecretScrubber scrubber = new SecretScrubber(apiKey);
        ModelGate gate = gates.computeIfAbsent(new GateKey(spec.name(), spec.baseUrl(), spec.model(), keyReference),
                key -> new ModelGate());
        return new HttpPipeline(spec, limits, url, client(spec, limits, url), scrubber, gate,
                new UnusableReplies(spec, keyReference, scrubber));
    }

    /**
     * Shares the pool and dispatcher. OkHttp's call timeout spans the retries and their waits, so it
     * stays off; each attempt is bounded instead: its connect by the connect timeout, the wait for the
     * reply (and any gap in it) by the first-byte timeout, the whole exchange by the model's timeout
     * ({@link AttemptTimer}). The steps, and the limits they share with other pipelines, are set up here;
     * the OkHttp client itself is built at the pipeline's first call ({@link LazyClient}).
     */
    private LazyClient client(ModelSpec spec, RateLimits limits, HttpUrl url) {
        Duration timeout = spec.timeout();
        Endpoint endpoint = Endpoint.of(url);
        RetryInterceptor retry = new RetryInterceptor(spec.maxRetries(), limits.maxRetryTime(), backoff);
        List<Interceptor> attemptSteps = attemptSteps(spec, limits, endpoint);
        Hedges hedged = limits.hedging().map(hedging -> hedges.computeIfAbsent(
                new HedgeKey(spec.name(), endpoint, hedging), key -> new Hedges(key.hedging()))).orElse(null);
        return new LazyClient(() -> {
            OkHttpClient.Builder timed = base(url).newBuilder()
                    .callTimeout(Duration.ZERO)
                    .connectTimeout(limits.connectTimeout(timeout))
                    .readTimeout(limits.firstByteTimeout(timeout))
                    .writeTimeout(timeout);
            if (hedged == null) {
                return withAttemptSteps(timed.addInterceptor(retry), attemptSteps).build();
            }
            OkHttpClient attempts = withAttemptSteps(timed.build().newBuilder(), attemptSteps).build();
            return timed.addInterceptor(retry).addInterceptor(new HedgeInterceptor(attempts, hedged, hedgeTimer())).build();
        });
    }

    /** The steps of one attempt, after the retries (and the hedging): see the order above. */
    private List<Interceptor> attemptSteps(ModelSpec spec, RateLimits limits, Endpoint endpoint) {
        List<Interceptor> steps = new ArrayList<>(5);
        steps.add(new ReplyCheckInterceptor());
        limits.requestsPerSecond().ifPresent(rate -> steps.add(rateCaps.computeIfAbsent(
                new RateCapKey(spec.name(), rate), key -> new RequestRateCap(rate, backoff))));
        steps.add(holds.computeIfAbsent(endpoint, key -> new EndpointHold(backoff)));
        steps.add(new ConcurrencyInterceptor(concurrency(endpoint, limits.maxConcurrency()), backoff.clock()));
        steps.add(new AttemptTimer(spec.timeout()));
        return steps;
    }

    private static OkHttpClient.Builder withAttemptSteps(OkHttpClient.Builder builder, List<Interceptor> steps) {
        steps.forEach(builder::addInterceptor);
        return builder.addNetworkInterceptor(new HiddenRetryAfter());
    }

    private synchronized ScheduledExecutorService hedgeTimer() {
        if (hedgeTimer == null) {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "evalunit-hedge-timer");
                thread.setDaemon(true);
                return thread;
            });
            timer.setRemoveOnCancelPolicy(true);
            hedgeTimer = timer;
        }
        return hedgeTimer;
    }

    /** The shared client that speaks {@code url}'s scheme. */
    private OkHttpClient base(HttpUrl url) {
        if (!url.isHttps()) {
            return shared();
        }
        OkHttpClient tls = sharedTls;
        if (tls == null) {
            synchronized (this) {
                if (sharedTls == null) {
                    sharedTls = shared().newBuilder()
                            .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
                            .build();
                }
                tls = sharedTls;
            }
        }
        return tls;
    }

    private AdaptiveConcurrency concurrency(Endpoint endpoint, int maximum) {
        AdaptiveConcurrency limit = concurrency.computeIfAbsent(endpoint, key -> new AdaptiveConcurrency(maximum));
        limit.lowerMaximum(maximum);
        return limit;
    }

    /**
     * The current concurrency limit of the endpoint (scheme, host and port) of {@code baseUrl}, or empty
     * when no pipeline of this instance calls it. Halves on a 429 that names no wait (once per congestion
     * window, down to an eighth of the maximum), doubles back after a window of successes.
     */
    public OptionalInt concurrencyLimit(String baseUrl) {
        HttpUrl url = HttpUrl.parse(baseUrl);
        AdaptiveConcurrency limit = url == null ? null : concurrency.get(Endpoint.of(url));
        return limit == null ? OptionalInt.empty() : OptionalInt.of(limit.limit());
    }

    /** The limit of {@code endpoint}, or {@code null} when no pipeline calls it (for tests). */
    AdaptiveConcurrency limitOf(Endpoint endpoint) {
        return concurrency.get(endpoint);
    }

    /**
     * Builds the shared client now, unless it is built or the pipelines are closed, and parses a URL once: what the
     * first call (and the check of the models' base URLs) would do, done before it (the run's preinitializer calls this
     * on a thread of its own while the run plans).
     */
    public synchronized void prepare() {
        if (!closed) {
            // First: OkHttp's URL parser loads its tables (IDN mapping, the JDK's Unicode normalisation data) at its
            // first parse in a JVM, a few milliseconds that the planning thread's check of the base URLs waits for.
            HttpUrl.get("http://localhost/");
            shared();
        }
    }

    /** Whether any pipeline's client was built, i.e. a call was made (for tests). */
    synchronized boolean clientBuilt() {
        return shared != null;
    }

    /** The client every pipeline's client is derived from (for tests of the connection set-up). */
    public OkHttpClient sharedClient() {
        return shared();
    }

    /**
     * One line per endpoint whose rate limits slowed calls down (429s, or a 503 or 529 that named a wait), written when the run ends instead of a line per change:
     * {@code [evalunit] rate limited by host:port: concurrency lowered 2 times (lowest 16 of 64, now 64);
     * new attempts paused 3 times for the wait the server asked (4.5 s in all)}.
     */
    private void summarise() {
        concurrency.forEach((endpoint, limit) -> {
            AdaptiveConcurrency.History history = limit.history();
            EndpointHold hold = holds.get(endpoint);
            EndpointHold.Pauses pauses = hold == null ? new EndpointHold.Pauses(0, Duration.ZERO) : hold.pauses();
            if (history.decreases() == 0 && pauses.count() == 0) {
                return;
            }
            StringBuilder line = new StringBuilder("[evalunit] rate limited by ").append(endpoint).append(": ");
            if (history.decreases() > 0) {
                line.append("concurrency lowered ").append(times(history.decreases())).append(" (lowest ")
                        .append(history.lowest()).append(" of ").append(history.maximum()).append(", now ")
                        .append(history.limit()).append(')');
            }
            if (pauses.count() > 0) {
                line.append(history.decreases() > 0 ? "; " : "").append("new attempts paused ").append(times(pauses.count()))
                        .append(" for the wait the server asked (")
                        .append(String.format(java.util.Locale.ROOT, "%.1f", pauses.total().toMillis() / 1000.0))
                        .append(" s in all)");
            }
            log.accept(line.toString());
        });
    }

    /** The second attempts sent and won by {@code model}'s hedging, on every endpoint (for tests). */
    int[] hedgesOf(String model) {
        int[] counts = new int[2];
        hedges.forEach((key, hedged) -> {
            if (key.modelName().equals(model)) {
                counts[0] += hedged.sentCount();
                counts[1] += hedged.wonCount();
            }
        });
        return counts;
    }

    private static String times(int count) {
        return count == 1 ? "once" : count + " times";
    }

    @Override
    public void close() {
        summarise();
        hedges.forEach((key, hedged) -> {
            String line = hedged.summary(key.modelName(), key.endpoint());
            if (line != null) {
                log.accept(line);
            }
        });
        synchronized (this) {
            closed = true;
            if (hedgeTimer != null) {
                hedgeTimer.shutdownNow();
            }
            if (shared != null) {
                shared.dispatcher().executorService().shutdown();
                shared.connectionPool().evictAll();
            }
        }
    }
}
