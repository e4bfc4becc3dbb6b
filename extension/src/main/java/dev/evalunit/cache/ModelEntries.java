package dev.evalunit.cache;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.cache.CacheStore.UnreadableEntryException;
import dev.evalunit.model.ModelSettings;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One model's entries in the response cache, read and written by key rather than through a client:
 * what batch execution stores its replies with, so that the evaluation's own calls then find them.
 * Nothing here is counted in {@link CacheCounts}. Thread safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class ModelEntries {

    private final ModelCache cache;
    private final CacheKeyWriter keys;
    private final String endpoint;

    ModelEntries(ModelCache cache, ModelSettings settings) {
        this.cache = cache;
        this.keys = new CacheKeyWriter(settings);
        this.endpoint = EndpointIdentity.of(settings.baseUrl());
    }

    /** The model's endpoint as the keys name it: no credentials, no query, any loopback port as one. */
    public String endpoint() {
        return endpoint;
    }

    /** The key the model's client would look {@code request} up by. */
    public CacheKey key(ModelRequest request) {
        return keys.keyOf(request);
    }

    /** The stored reply, or empty when there is none or it cannot be read (it is then a miss). */
    public Optional<ModelReply> find(CacheKey key) {
        try {
            return cache.store().read(key);
        } catch (UnreadableEntryException e) {
            return Optional.empty();
        }
    }

    /** Stores {@code reply} (its text masked) as the reply to {@code request}, as a live call would. */
    public void store(ModelRequest request, ModelReply reply) {
        cache.write(keys.keyOf(request), keys.anyEndpointHash(request), cache.masked(reply));
    }
}
