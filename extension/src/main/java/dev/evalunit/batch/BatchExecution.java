package dev.evalunit.batch;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.api.spi.ModelUnusableException;
import dev.evalunit.batch.spi.BatchApi;
import dev.evalunit.batch.spi.BatchCapable;
import dev.evalunit.batch.spi.BatchLine;
import dev.evalunit.batch.spi.BatchStatus;
import dev.evalunit.budget.EvaluationInfrastructureException;
import dev.evalunit.cache.CacheMode;
import dev.evalunit.cache.ModelCache;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.execution.CallPhases;
import dev.evalunit.model.ClientDecorator;
import dev.evalunit.model.ModelSettings;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Batch execution ({@value ConfigKeys#EXECUTION}{@code =batch}) of one run. Before an evaluation runs,
 * {@link #prepare} runs it in collect passes that make no call: each pass gathers the requests the
 * response cache cannot answer (the generations first, since a judge's prompt needs the answers; then
 * the judgments), sends them through each model's batch API ({@link BatchCapable}), polls until the
 * batch ends and stores its replies in the cache. Then the evaluation runs as it does live and finds
 * its replies in the cache: results, files and statistics come from the one code path.
 *
 * <p>Each submitted batch is recorded in the cache directory ({@link BatchJournal}) until its results
 * are stored, so that a run stopped while waiting resumes polling the same batch instead of paying for
 * a second one. A request whose line failed, expired or was cancelled fails with that reason (its
 * example gets an {@code Error} row), or is sent live with {@value ConfigKeys#BATCH_RETRY_LIVE}.
 */
@API(status = INTERNAL, since = "0.1")
public final class BatchExecution implements CallPhases {

    /** A safety bound: each phase answers or fails every request it collects, so two or three suffice. */
    static final int MAX_PHASES = 10;

    private final BatchSettings settings;
    private final ModelCache cache;
    private final Consumer<String> log;
    /** Why a request has no reply, by its cache key's hash (its custom id). */
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    BatchExecution(BatchSettings settings, ModelCache cache, Consumer<String> log) {
        this.settings = settings;
        this.cache = cache;
        this.log = log;
    }

    /**
     * The batch execution {@code config} asks for, or empty when it asks for live execution.
     *
     * @throws ConfigurationException when a setting is malformed, or the cache cannot hold the batches' replies
     */
    public static Optional<BatchExecution> from(EvalConfig config, ModelCache cache) {
        Optional<BatchSettings> settings = BatchSettings.from(config);
        if (settings.isPresent() && cache.mode() != CacheMode.LIVE) {
            throw new ConfigurationException("[" + ConfigKeys.EXECUTION + "=batch] needs the response cache in live mode,"
                    + " but [" + ConfigKeys.CACHE_MODE + "] is [" + cache.mode().id() + "]. Set " + ConfigKeys.CACHE_MODE
                    + "=live: the batches' replies are stored in the cache, where the evaluation finds them.");
        }
        return settings.map(s -> new BatchExecution(s, cache, line -> System.err.println("[evalunit] " + line)));
    }

    BatchSettings settings() {
        return settings;
    }

    /**
     * Wraps {@code inner} (the cache) so that every client it makes takes part in batch execution.
     *
     * @throws ConfigurationException from {@code decorate} when a model's provider has no batch API
     */
    public ClientDecorator around(ClientDecorator inner) {
        return new ClientDecorator() {
            @Override
            public ModelClient decorate(ModelClient client, ModelSettings model) {
                if (!(client instanceof BatchCapable capable)) {
                    throw new ConfigurationException("batch execution is not supported for provider [" + model.provider()
                            + "] (model [" + model.name() + "], " + ConfigKeys.EXECUTION + "=batch). Use a provider"
                            + " with a batch API (openai, anthropic) for this model, or set " + ConfigKeys.EXECUTION + "=live.");
                }
                return new BatchClient(inner.decorate(client, model), capable.batchApi(), model, cache.entries(model),
                        BatchExecution.this);
            }

            @Override
            public boolean callsModels() {
                return inner.callsModels();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    @Override
    public void prepare(String evaluation, Runnable collectPass) {
        for (int phase = 1; phase <= MAX_PHASES; phase++) {
            CollectPass pass = new CollectPass();
            pass.run(collectPass);
            if (pass.isEmpty()) {
                return;
            }
            for (Map.Entry<BatchClient, Map<String, ModelRequest>> batch : pass.deferred().entrySet()) {
                run(evaluation, phase, batch.getKey(), batch.getValue());
            }
        }
    }

    boolean hasFailures() {
        return !failures.isEmpty();
    }

    /** Why the request with this custom id has no reply, or {@code null}. */
    String failure(String customId) {
        return failures.get(customId);
    }

    private void run(String evaluation, int phase, BatchClient client, Map<String, ModelRequest> requests) {
        ModelSettings model = client.settings();
        BatchApi api = client.api();
        BatchJournal journal = new BatchJournal(cache.directory(), model.name(), client.entries().endpoint(), requests.keySet());
        String where = "evaluation [" + evaluation + "], phase " + phase + ", model [" + model.name() + "]: ";
        try {
            Optional<String> recorded = journal.batchId();
            String batchId;
            if (recorded.isPresent()) {
                batchId = recorded.get();
                log.accept(where + "resuming batch [" + batchId + "] of " + requests.size() + " requests (" + journal.file() + ")");
            } else {
                batchId = api.submit(requests);
                journal.write(phase, model.provider(), model.name(), client.entries().endpoint(), batchId, requests.keySet());
                log.accept(where + "submitted batch [" + batchId + "] of " + requests.size() + " requests");
            }
            Optional<BatchStatus> ended = await(api, batchId);
            if (ended.isEmpty()) {
                failAll(requests, "model [" + model.name() + "]: batch [" + batchId + "] had not ended after "
                        + settings.maxWait() + " (" + ConfigKeys.BATCH_MAX_WAIT + "); its id is kept in " + journal.file()
                        + ", so a rerun resumes polling it");
                return;
            }
            BatchStatus status = ended.get();
            Map<String, BatchLine> lines = api.results(status);
            int stored = 0;
            for (Map.Entry<String, ModelRequest> request : requests.entrySet()) {
                BatchLine line = lines.get(request.getKey());
                if (line != null && line.succeeded()) {
                    client.entries().store(request.getValue(), line.reply());
                    stored++;
                } else {
                    failures.put(request.getKey(), line != null ? line.error() : "model [" + model.name() + "]: batch ["
                            + batchId + "] " + status.state() + (status.detail() == null ? "" : " (" + status.detail() + ")")
                            + " without a result for this request");
                }
            }
            journal.delete();
            log.accept(where + "batch [" + batchId + "] " + status.state() + ": " + stored + " of " + requests.size()
                    + " replies stored in the cache");
        } catch (ModelUnusableException e) {
            throw new EvaluationInfrastructureException(e.getMessage());
        } catch (ModelCallException e) {
            failAll(requests, e.getMessage());
        }
    }

    /** Polls until the batch ends; empty when {@link BatchSettings#maxWait()} passed first. */
    private Optional<BatchStatus> await(BatchApi api, String batchId) throws ModelCallException {
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        while (true) {
            BatchStatus status = api.status(batchId);
            if (status.ended()) {
                return Optional.of(status);
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            try {
                Thread.sleep(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EvaluationInfrastructureException("interrupted while waiting for batch [" + batchId
                        + "]; its id is kept in the cache directory, so a rerun resumes polling it");
            }
        }
    }

    private void failAll(Map<String, ModelRequest> requests, String reason) {
        requests.keySet().forEach(customId -> failures.put(customId, reason));
    }
}
