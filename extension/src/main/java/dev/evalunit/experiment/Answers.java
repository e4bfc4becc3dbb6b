package dev.evalunit.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.experiment.spec.PreGeneratedOutputs;
import org.apiguardian.api.API;

/** Where an experiment's answers come from, once validated. */
@API(status = INTERNAL, since = "0.1")
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
