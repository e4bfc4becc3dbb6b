package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A model call that failed because the model cannot answer any request as it is configured: the
 * server refused the key (401, 403), does not know the model, or is not the model's API at all (a
 * wrong base URL). Not transient: no retry or later example would fare better, so the evaluation
 * that uses the model stops at once instead of failing every example. Its message names the model,
 * the URL and what to check, and never contains a secret.
 *
 * <p>evalunit's HTTP pipeline throws it for every HTTP provider; a provider of its own may throw it too.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class ModelUnusableException extends ModelCallException {
    public ModelUnusableException(String message) {
        super(message);
    }
}
