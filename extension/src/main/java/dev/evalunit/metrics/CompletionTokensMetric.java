package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.Generation;
import org.apiguardian.api.API;

/** {@code nb_tokens_completion}: the completion tokens the model reported. Registered in the engine's services file. */
@API(status = INTERNAL, since = "0.1")
public final class CompletionTokensMetric extends TokenCountMetric {

    public CompletionTokensMetric() {
        super("nb_tokens_completion", "Completion tokens of the model call, as the model reported them.",
                Generation::completionTokens);
    }
}
