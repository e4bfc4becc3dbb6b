package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A model that answers chat requests. Implementations are thread safe: the executor calls
 * {@link #complete} from several threads at once, and each call blocks until the reply (or failure).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ModelClient extends AutoCloseable {

    /** The name the model is declared under (not its secret-bearing configuration). */
    String name();

    /**
     * Sends one request and waits for the reply.
     *
     * @throws ModelCallException when the call fails after the client's own retries; its message
     *     says why and never contains a secret
     */
    ModelReply complete(ModelRequest request) throws ModelCallException;

    @Override
    default void close() {
    }
}
