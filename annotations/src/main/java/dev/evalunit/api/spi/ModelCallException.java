package dev.evalunit.api.spi;

/** A model call that failed for good. Its message says why and never contains a secret. */
public class ModelCallException extends Exception {
    public ModelCallException(String message) {
        super(message);
    }

    public ModelCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
