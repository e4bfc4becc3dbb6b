package dev.evalunit.cache;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.model.ModelSettings;
import org.apiguardian.api.API;

/**
 * The address of one model call in the cache.
 *
 * <p>Made of what decides the reply and nothing else: never the API key, the timeout or retries. The
 * endpoint is part of it, as its {@link EndpointIdentity} (scheme, host, port, path; never credentials
 * or query; any loopback host and port as one), so that a model pointed at another server never
 * gets the replies of the first one, while a stand-in server on a random port still hits. The
 * declared model name is part of it too; renaming a model records it afresh.
 *
 * @param hash the SHA-256 of {@code canonicalJson}, 64 lower-case hex digits: the entry's file name
 * @param canonicalJson the fields hashed, keys sorted, no whitespace; stored beside the reply for people
 */
@API(status = INTERNAL, since = "0.1")
public record CacheKey(String hash, String canonicalJson) {

    /** Raised whenever the fields change, so that old entries miss instead of answering another request. */
    static final int VERSION = 2;
    /**
     * The version of the any-endpoint hash: version 1, the key without the endpoint, so that an entry
     * recorded then is found (and named, never served) by it.
     */
    static final int ANY_ENDPOINT_VERSION = 1;

    /** The key of one call; a client that makes many keeps a {@link CacheKeyWriter} instead. */
    public static CacheKey of(ModelSettings settings, ModelRequest request) {
        return new CacheKeyWriter(settings).keyOf(request);
    }
}
