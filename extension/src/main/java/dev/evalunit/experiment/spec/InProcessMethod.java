package dev.evalunit.experiment.spec;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A method of the test class that answers an experiment's rows ({@code {"method": "answer"}}), called
 * with each row's prompt as a generating model receives it.
 *
 * @param method the method's name
 * @param preludePrompt text put before the query in the prompt, or {@code null}
 */
@API(status = INTERNAL, since = "0.1")
public record InProcessMethod(String method, String preludePrompt) implements ExperimentModel {

    /** The key that declares one: {@code "model": {"method": "answer"}}. */
    public static final String METHOD = "method";

    public InProcessMethod {
        Objects.requireNonNull(method, "method");
    }
}
