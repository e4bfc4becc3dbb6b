package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** A model call that failed for good. Its message says why and never contains a secret. */
@API(status = EXPERIMENTAL, since = "0.1")
public class ModelCallException extends Exception {
    public ModelCallException(String message) {
        super(message);
    }

    public ModelCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
