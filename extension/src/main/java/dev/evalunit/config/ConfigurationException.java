package dev.evalunit.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A mistake in what the user declared (annotation, configuration, dataset), found before any model
 * call. Its message reads {@code Configuration error: <what is wrong, culprit in brackets>. <what to do>}.
 */
@API(status = INTERNAL, since = "0.1")
public class ConfigurationException extends RuntimeException {

    public static final String PREFIX = "Configuration error: ";

    public ConfigurationException(String message) {
        super(message.startsWith(PREFIX) ? message : PREFIX + message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message.startsWith(PREFIX) ? message : PREFIX + message, cause);
    }
}
