package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.prompt.PromptParameter;
import java.util.Map;
import org.apiguardian.api.API;

/** Where one side's answers come from, once validated. */
@API(status = INTERNAL, since = "0.1")
public sealed interface AnswerSource {

    /**
     * The side's name in the judgments file ({@code model_a}, {@code model_b}): the declared model's
     * name, the method's name, or the response column's name.
     */
    String name();

    /** Answers already in a dataset column (AutoSxS {@code response_column_a/_b}). */
    record PreGenerated(String column) implements AnswerSource {
        @Override
        public String name() {
            return column;
        }
    }

    /**
     * Answers generated per example by a model or an in-process method.
     *
     * @param name the declared model's or the method's name, e.g. {@code candidate}
     * @param label names the generator in messages, e.g. {@code model A [candidate]}
     */
    record Generated(String name, String label, AnswerGenerator generator, Map<String, PromptParameter> params)
            implements AnswerSource {
        public Generated {
            params = Map.copyOf(params);
        }
    }
}
