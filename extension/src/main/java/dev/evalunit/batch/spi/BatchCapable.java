package dev.evalunit.batch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Implemented by a {@link dev.evalunit.api.spi.ModelClient} whose provider has a batch API: with
 * {@code evalunit.execution=batch} the engine sends the requests the cache does not hold through
 * {@link #batchApi()}, phase by phase, and stores the replies in the response cache. A client that
 * does not implement it cannot run in batch mode: the run stops with a configuration error naming its
 * provider. Opting in is implementing this interface, never an edit to the engine.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface BatchCapable {

    /** The batch API of this client's model, on the client's endpoint, key and pipeline. */
    BatchApi batchApi();
}
