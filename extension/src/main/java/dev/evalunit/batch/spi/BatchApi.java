package dev.evalunit.batch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelRequest;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One provider's batch API for one model: submit requests, poll the batch, read its lines. Each
 * request carries a custom id (the request's cache key: 64 hex digits) that its result line repeats.
 * Implementations send their calls through the model's HTTP pipeline (retries, limits, key scrubbing)
 * and word their failures as the live client does.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface BatchApi {

    /**
     * Submits one batch.
     *
     * @param requests by custom id, in submission order
     * @return the provider's batch id, which {@link #status} polls
     * @throws ModelCallException when the batch could not be created; nothing was submitted
     */
    String submit(Map<String, ModelRequest> requests) throws ModelCallException;

    /** The batch's status now: whether it has ended, and where its results are. */
    BatchStatus status(String batchId) throws ModelCallException;

    /**
     * The lines of an ended batch, by custom id. A request without a line (the batch failed, expired or
     * was cancelled before reaching it) is left out: the engine words its error from the status.
     */
    Map<String, BatchLine> results(BatchStatus status) throws ModelCallException;
}
