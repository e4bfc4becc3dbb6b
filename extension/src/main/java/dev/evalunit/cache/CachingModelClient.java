package dev.evalunit.cache;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.cache.CacheStore.RecordedElsewhere;
import dev.evalunit.cache.CacheStore.UnreadableEntryException;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.cost.TokenCounts;
import dev.evalunit.http.CallTally;
import dev.evalunit.model.ModelSettings;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A model client that answers from the cache according to its {@link CacheMode}, and counts where
 * each reply came from in its evaluation's {@link CacheCounts}. Only replies are stored: a
 * {@link ModelCallException} passes through untouched, so a failure is tried again next run. A miss
 * whose request was recorded against another endpoint (or before endpoints were recorded) says so:
 * {@code replay} fails naming both endpoints, {@code live} calls and says once why. A reply that is
 * not an answer (refused, cut at the token limit, filtered) is such a failure: the providers throw it
 * ({@code provider.NotAnAnswer}), so it is never stored. Thread safe: two
 * threads missing the same key both call and both store their reply; the last one stays.
 */
final class CachingModelClient implements ModelClient {

    private final ModelClient delegate;
    private final ModelCache cache;
    private final CacheKeyWriter keys;
    private final CacheCounts counts;
    /** This model's token sums in the evaluation, found once: a reply adds to them without a look-up. */
    private final TokenCounts.Tally tokens;
    /** Where this model's requests are recorded now, as the key names it. */
    private final String endpoint;
    private final AtomicBoolean toldElsewhere = new AtomicBoolean();

    CachingModelClient(ModelClient delegate, ModelSettings settings, ModelCache cache, CacheCounts counts) {
        this.delegate = delegate;
        this.cache = cache;
        this.keys = new CacheKeyWriter(settings);
        this.counts = counts;
        this.tokens = counts.tokens().of(settings.name());
        this.endpoint = EndpointIdentity.of(settings.baseUrl());
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelCallException {
        CacheMode mode = cache.mode();
        if (mode == CacheMode.OFF) {
            counts.addCall();
            ModelReply reply = called(request);
            tokens.add(reply, false);
            return reply;
        }
        CacheKey key = keys.keyOf(request);
        if (mode != CacheMode.RECORD) {
            Optional<ModelReply> cached = lookUp(key);
            if (cached.isPresent()) {
                counts.addFromCache();
                tokens.add(cached.get(), true);
                return cached.get();
            }
        }
        // A miss: from here on a call is made (or replay fails), so the rest costs nothing that matters.
        String anyEndpointHash = keys.anyEndpointHash(key);
        if (mode != CacheMode.RECORD) {
            Optional<RecordedElsewhere> elsewhere = cache.store().elsewhere(anyEndpointHash);
            if (mode == CacheMode.REPLAY) {
                counts.addMissing();
                throw new ModelCallException(prefix() + elsewhere.map(this::replayMiss).orElse("no cached reply ("
                        + ConfigKeys.CACHE_MODE + "=replay). Run once with " + ConfigKeys.CACHE_MODE + "=live to record it."));
            }
            elsewhere.ifPresent(this::tellOnce);
        }
        counts.addCall();
        // Masked here too, so that this run sees what a rerun will read, and an echoed key goes no further.
        ModelReply reply = cache.masked(called(request));
        tokens.add(reply, false);
        cache.write(key, anyEndpointHash, reply);
        return reply;
    }

    /**
     * The delegate's reply, its HTTP attempts counted on the evaluation's {@link CallTally}: set for this thread
     * around the call, where the pipeline's retry loop, on this same thread, finds it.
     */
    private ModelReply called(ModelRequest request) throws ModelCallException {
        CallTally previous = counts.attempts().enter();
        try {
            return delegate.complete(request);
        } finally {
            CallTally.leave(previous);
        }
    }

    /** In live mode an unreadable entry is a miss, overwritten by the call; replay cannot call, so it fails. */
    private Optional<ModelReply> lookUp(CacheKey key) throws ModelCallException {
        try {
            return cache.store().read(key);
        } catch (UnreadableEntryException e) {
            if (cache.mode() == CacheMode.REPLAY) {
                counts.addMissing();
                throw new ModelCallException(prefix() + e.getMessage() + " (" + ConfigKeys.CACHE_MODE
                        + "=replay). Run once with " + ConfigKeys.CACHE_MODE + "=live to record it again.");
            }
            return Optional.empty();
        }
    }

    private String replayMiss(RecordedElsewhere elsewhere) {
        if (elsewhere.endpoint() == null) {
            return "no cached reply for endpoint [" + endpoint + "]; the reply at [" + elsewhere.location()
                    + "] was recorded before the cache recorded endpoints, so it may come from another server ("
                    + ConfigKeys.CACHE_MODE + "=replay). Run once with " + ConfigKeys.CACHE_MODE
                    + "=live to record it against [" + endpoint + "].";
        }
        return "no cached reply for endpoint [" + endpoint + "]; the cache holds this request's reply recorded against ["
                + elsewhere.endpoint() + "] (" + ConfigKeys.CACHE_MODE + "=replay). Point the model back at ["
                + elsewhere.endpoint() + "], or run once with " + ConfigKeys.CACHE_MODE + "=live to record it against ["
                + endpoint + "].";
    }

    /** Live: the call is made; say once per model why a request that was recorded is called again. */
    private void tellOnce(RecordedElsewhere elsewhere) {
        if (toldElsewhere.compareAndSet(false, true)) {
            String recorded = elsewhere.endpoint() == null
                    ? "before the cache recorded endpoints (" + elsewhere.location() + ")"
                    : "against [" + elsewhere.endpoint() + "]";
            System.err.println("[evalunit] " + prefix() + "cached replies were recorded " + recorded
                    + ", not against [" + endpoint + "]: calling [" + endpoint + "] and recording its replies.");
        }
    }

    private String prefix() {
        return "model [" + delegate.name() + "]: ";
    }

    @Override
    public void close() {
        delegate.close();
    }
}
