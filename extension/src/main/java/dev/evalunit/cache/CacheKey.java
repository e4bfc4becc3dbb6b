package dev.evalunit.cache;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.model.ModelSettings;
import org.apiguardian.api.API;

/**
 * The address of one model call in the cache.
 *
 * <p>Made of what decides the reply and nothing else: never the API key; not the base URL either
 * (a stand-in server on a random port must still hit, and a URL may carry credentials), nor the
 * timeout or retries. The declared model name is part of it: with the endpoint left out, the name is
 * what keeps two endpoints serving the same model id apart; renaming a model records it afresh.
 *
 * @param hash the SHA-256 of {@code canonicalJson}, 64 lower-case hex digits: the entry's file name
 * @param canonicalJson the fields hashed, keys sorted, no whitespace; stored beside the reply for people
 */
@API(status = INTERNAL, since = "0.1")
public record CacheKey(String hash, String canonicalJson) {

    /** Raised whenever the fields change, so that old entries miss instead of answering another request. */
    static final int VERSION = 1;

    /** The key of one call; a client that makes many keeps a {@link CacheKeyWriter} instead. */
    public static CacheKey of(ModelSettings settings, ModelRequest request) {
        return new CacheKeyWriter(settings).keyOf(request);
    }
}
