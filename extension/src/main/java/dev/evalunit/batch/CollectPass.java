package dev.evalunit.batch;

import dev.evalunit.api.spi.ModelRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One pass over an evaluation that makes no call: each {@link BatchClient} it reaches answers from
 * the cache, or defers the request here and fails the call, so that the pass goes on to the next
 * example. Bound to the thread that runs the pass; the requests are grouped by client (one batch each),
 * each request once by its cache key, in the order met.
 */
final class CollectPass {

    private static final ThreadLocal<CollectPass> CURRENT = new ThreadLocal<>();

    private final Map<BatchClient, Map<String, ModelRequest>> deferred = new LinkedHashMap<>();

    /** The pass running on this thread, or {@code null} when the evaluation itself runs. */
    static CollectPass current() {
        return CURRENT.get();
    }

    /** Runs {@code examples} on this thread with this pass collecting. */
    void run(Runnable examples) {
        CURRENT.set(this);
        try {
            examples.run();
        } finally {
            CURRENT.remove();
        }
    }

    void defer(BatchClient client, String customId, ModelRequest request) {
        deferred.computeIfAbsent(client, c -> new LinkedHashMap<>()).putIfAbsent(customId, request);
    }

    boolean isEmpty() {
        return deferred.isEmpty();
    }

    /** The deferred requests, by client then custom id. */
    Map<BatchClient, Map<String, ModelRequest>> deferred() {
        return deferred;
    }
}
