package dev.evalunit.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.batch.BatchExecution;
import dev.evalunit.budget.EmptyMetrics;
import dev.evalunit.budget.ErrorBudget;
import dev.evalunit.cache.CacheCounts;
import dev.evalunit.cache.ModelCache;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.cost.CostBudget;
import dev.evalunit.cost.PriceTable;
import dev.evalunit.dataset.DatasetLoader;
import dev.evalunit.execution.CallPhases;
import dev.evalunit.execution.Workers;
import dev.evalunit.http.Backoff;
import dev.evalunit.metrics.MetricRegistry;
import dev.evalunit.model.ClientDecorator;
import dev.evalunit.model.ModelClients;
import dev.evalunit.shard.Shard;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.apiguardian.api.API;

/**
 * What every evaluation of one test run shares, built once when the first one needs it and closed
 * when the run ends: the configuration, the resolver of key references, the error budget, the
 * dataset sources, the metrics, the model clients (one connection pool, each endpoint's limits, the
 * response cache) and the worker threads.
 *
 * <p>Pairwise evaluations and experiment sets take everything from here; there is no second way to
 * assemble them. The JUnit layer keeps one per run in the root {@code ExtensionContext.Store}.
 *
 * <p>Internal: not part of evalunit's API.
 */
@API(status = INTERNAL, since = "0.1")
public final class EvalRuntime implements AutoCloseable {

    private final EvalConfig config;
    private final SecretReference secrets;
    private final ErrorBudget budget;
    private final EmptyMetrics emptyMetrics;
    private final PriceTable prices;
    private final CostBudget costBudget;
    private final Shard shard;
    private final DatasetLoader datasets;
    private final ClassLoader classLoader;
    private MetricRegistry metrics;
    private final ModelCache cache;
    private final ModelClients clients;
    /** Batch execution, when {@value ConfigKeys#EXECUTION} asks for it. */
    private final Optional<BatchExecution> batch;
    private final ExecutorService workers;

    private EvalRuntime(EvalConfig config, SecretReference secrets, ClassLoader classLoader, Path baseDirectory) {
        this.config = config;
        this.secrets = secrets;
        // Read first: a malformed setting is a configuration error, found before any call.
        this.budget = ErrorBudget.from(config);
        this.emptyMetrics = EmptyMetrics.from(config);
        this.prices = PriceTable.from(config);
        this.costBudget = CostBudget.from(config, prices);
        this.shard = Shard.from(config);
        int concurrency = config.getPositiveInt(ConfigKeys.CONCURRENCY, ConfigKeys.DEFAULT_CONCURRENCY);
        this.cache = ModelCache.from(config, secrets);
        this.datasets = new DatasetLoader(classLoader, baseDirectory);
        this.classLoader = classLoader;
        this.batch = BatchExecution.from(config, cache);
        this.clients = new ModelClients(Backoff.standard(), decorated(cache));
        // The first call's one-time set-ups (SHA-256, the cache's index, the HTTP client) made on another core while
        // the run plans, in the order the run needs them; a run whose replies all come from the cache (replay) builds
        // no HTTP client.
        BackgroundPreinitializer.start(cache.mode(), cache.callsModels()
                ? List.of(cache::prepareEntries, clients::prepareCalls) : List.of(cache::prepareEntries));
        this.workers = Workers.pool(concurrency, "evalunit-worker-");
    }

    /**
     * The runtime of a run whose configuration is {@code config}.
     *
     * @param classLoader where datasets, plug-ins (dataset sources, metrics, model providers) and test
     *     resources are found: the test class path
     * @param baseDirectory what relative dataset paths are resolved against
     * @throws dev.evalunit.config.ConfigurationException when a run-wide setting is malformed
     */
    public static EvalRuntime start(EvalConfig config, ClassLoader classLoader, Path baseDirectory) {
        return new EvalRuntime(config, SecretReference.fromProcess(), classLoader, baseDirectory);
    }

    public EvalConfig config() {
        return config;
    }

    public SecretReference secrets() {
        return secrets;
    }

    /** The error budget every evaluation is held to ({@value ConfigKeys#ERROR_BUDGET}). */
    public ErrorBudget budget() {
        return budget;
    }

    /** Whether an experiment may pass with a metric that has no value on any row ({@value ConfigKeys#ALLOW_EMPTY_METRICS}). */
    public EmptyMetrics emptyMetrics() {
        return emptyMetrics;
    }

    /** The models' prices ({@code evalunit.prices.*}), empty when none is set. */
    public PriceTable prices() {
        return prices;
    }

    /** The part of every evaluation this run runs ({@value ConfigKeys#SHARD}); {@link Shard#WHOLE} when unset. */
    public Shard shard() {
        return shard;
    }

    public DatasetLoader datasets() {
        return datasets;
    }

    /**
     * The metrics on the class path, loaded when an experiment set first needs them (a broken metric
     * plug-in concerns experiment sets only).
     *
     * @throws dev.evalunit.config.ConfigurationException when a listed metric cannot be loaded
     */
    public synchronized MetricRegistry metrics() {
        if (metrics == null) {
            metrics = MetricRegistry.load(classLoader);
        }
        return metrics;
    }

    public ModelClients clients() {
        return clients;
    }

    /**
     * Zero counts for one evaluation, to pass to {@link #clients(CacheCounts)} and print when it has run;
     * they hold its calls to the cost budget ({@value ConfigKeys#MAX_COST_USD}), if one is set.
     */
    public CacheCounts newCacheCounts() {
        return cache.newCounts(costBudget.newSpending());
    }

    /**
     * The run's model clients for one evaluation: they count into {@code counts} how many replies came
     * from the response cache and how many calls were made.
     */
    public ModelClients clients(CacheCounts counts) {
        return clients.decoratedBy(decorated(cache.countingInto(counts)));
    }

    /** The cache, and around it batch execution when configured. */
    private ClientDecorator decorated(ClientDecorator cached) {
        return batch.map(b -> b.around(cached)).orElse(cached);
    }

    /**
     * What runs before each evaluation's examples ({@value ConfigKeys#EXECUTION}): nothing live; in batch
     * execution, the phases that send the evaluation's calls through the providers' batch APIs.
     */
    public CallPhases callPhases() {
        return batch.<CallPhases>map(b -> b).orElse(CallPhases.LIVE);
    }

    /**
     * The run's worker threads: {@value ConfigKeys#CONCURRENCY} of them, shared by every evaluation,
     * so that at most that many calls are in flight however many evaluations run at once.
     */
    public ExecutorService workers() {
        return workers;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        clients.close();
    }
}
