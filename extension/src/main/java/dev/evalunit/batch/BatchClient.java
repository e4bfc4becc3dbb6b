package dev.evalunit.batch;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.batch.spi.BatchApi;
import dev.evalunit.cache.CacheKey;
import dev.evalunit.cache.ModelEntries;
import dev.evalunit.model.ModelSettings;
import java.util.Optional;

/**
 * A model's client in batch execution, around its cached client. During a {@link CollectPass} it
 * answers from the cache or defers the request to the pass; when the evaluation itself runs, it
 * passes every call to the cached client, which finds the batch's replies, except a request whose
 * batch line failed: that call fails with the line's reason (an {@code Error} row), or is made live
 * with {@value dev.evalunit.config.ConfigKeys#BATCH_RETRY_LIVE}.
 */
final class BatchClient implements ModelClient {

    static final String DEFERRED = "deferred to the provider's batch API";

    private final ModelClient cached;
    private final BatchApi api;
    private final ModelSettings settings;
    private final ModelEntries entries;
    private final BatchExecution execution;

    BatchClient(ModelClient cached, BatchApi api, ModelSettings settings, ModelEntries entries, BatchExecution execution) {
        this.cached = cached;
        this.api = api;
        this.settings = settings;
        this.entries = entries;
        this.execution = execution;
    }

    @Override
    public String name() {
        return cached.name();
    }

    BatchApi api() {
        return api;
    }

    ModelSettings settings() {
        return settings;
    }

    ModelEntries entries() {
        return entries;
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelCallException {
        CollectPass pass = CollectPass.current();
        if (pass == null) {
            if (execution.hasFailures() && !execution.settings().retryLive()) {
                String failure = execution.failure(entries.key(request).hash());
                if (failure != null) {
                    throw new ModelCallException(failure);
                }
            }
            return cached.complete(request);
        }
        CacheKey key = entries.key(request);
        Optional<ModelReply> reply = entries.find(key);
        if (reply.isPresent()) {
            return reply.get();
        }
        String failure = execution.failure(key.hash());
        if (failure != null) {
            throw new ModelCallException(failure);
        }
        pass.defer(this, key.hash(), request);
        throw new ModelCallException(DEFERRED);
    }

    @Override
    public void close() {
        cached.close();
    }
}
