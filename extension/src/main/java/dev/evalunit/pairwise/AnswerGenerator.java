package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import org.apiguardian.api.API;

/** Produces one side's answer to one example from its rendered prompt parameters. Thread safe. */
@FunctionalInterface
@API(status = INTERNAL, since = "0.1")
public interface AnswerGenerator {
    /**
     * @param params the side's prompt parameters rendered for the example; {@code prompt} is always present
     * @throws Exception any failure; it becomes the example's {@code Error} judgment, with its message
     */
    String answer(Map<String, String> params) throws Exception;
}
