package dev.evalunit.experiment;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.experiment.spec.PreGeneratedOutputs;

/** Where an experiment's answers come from, once validated. */
public sealed interface Answers {

    /**
     * A model generates each answer from the row's query.
     *
     * @param preludePrompt text put before the query in the user message, or {@code null}
     */
    record Generated(String modelName, ModelClient client, String preludePrompt) implements Answers {
    }

    /** Answers given in the set itself, checked to hold one output per dataset row. */
    record PreGenerated(PreGeneratedOutputs declared) implements Answers {
    }
}
