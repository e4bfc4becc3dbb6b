package dev.evalunit.cache;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.cache.CacheStore.UnreadableEntryException;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.model.ModelSettings;
import java.io.IOException;
import java.util.Optional;

/**
 * A model client that answers from the cache according to its {@link CacheMode}. Only answers are
 * stored: a {@link ModelCallException} passes through untouched, so a failure is tried again next run.
 * A reply that is not an answer (refused, cut at the token limit, filtered) is such a failure: the
 * providers throw it ({@code provider.NotAnAnswer}), so it is never stored.
 * Thread safe: two threads missing the same key both call and both store their reply; the last one stays.
 */
final class CachingModelClient implements ModelClient {

    private final ModelClient delegate;
    private final ModelCache cache;
    private final CacheKeyWriter keys;

    CachingModelClient(ModelClient delegate, ModelSettings settings, ModelCache cache) {
        this.delegate = delegate;
        this.cache = cache;
        this.keys = new CacheKeyWriter(settings);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelCallException {
        CacheKey key = keys.keyOf(request);
        if (cache.mode() != CacheMode.RECORD) {
            Optional<ModelReply> cached = lookUp(key);
            if (cached.isPresent()) {
                return cached.get();
            }
            if (cache.mode() == CacheMode.REPLAY) {
                throw new ModelCallException(prefix() + "no cached reply (" + ConfigKeys.CACHE_MODE
                        + "=replay). Run once with " + ConfigKeys.CACHE_MODE + "=live to record it.");
            }
        }
        // Masked here too, so that this run sees what a rerun will read, and an echoed key goes no further.
        ModelReply reply = cache.masked(delegate.complete(request));
        try {
            cache.store().write(key, reply);
        } catch (IOException | RuntimeException e) {
            // The call succeeded: its reply is worth more to this run than the entry is to the next.
            cache.writeFailed(e);
        }
        return reply;
    }

    /** In live mode an unreadable entry is a miss, overwritten by the call; replay cannot call, so it fails. */
    private Optional<ModelReply> lookUp(CacheKey key) throws ModelCallException {
        try {
            return cache.store().read(key);
        } catch (UnreadableEntryException e) {
            if (cache.mode() == CacheMode.REPLAY) {
                throw new ModelCallException(prefix() + e.getMessage() + " (" + ConfigKeys.CACHE_MODE
                        + "=replay). Run once with " + ConfigKeys.CACHE_MODE + "=live to record it again.");
            }
            return Optional.empty();
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
