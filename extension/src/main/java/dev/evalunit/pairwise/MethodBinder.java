package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Binds a {@code method} (the user's own system under test), named by a pairwise side or by an experiment's
 * model, to an {@link AnswerGenerator}. The JUnit layer binds methods of the test class; elsewhere there are none.
 */
@FunctionalInterface
@API(status = INTERNAL, since = "0.1")
public interface MethodBinder {

    /** No methods to bind: every {@code method} is a configuration error. */
    MethodBinder NONE = (method, side) -> {
        throw new dev.evalunit.config.ConfigurationException(side + " names method [" + method
                + "], but in-process methods are only available in a test class. Use a model or a response column.");
    };

    /**
     * @param method the method's name
     * @param side what names the method, for messages: {@code model A}, {@code [model] of experiment [e]}
     * @throws dev.evalunit.config.ConfigurationException when there is no such method of a usable shape
     */
    AnswerGenerator bind(String method, String side);
}
