package dev.evalunit.metrics;

import dev.evalunit.api.experiment.Generation;

/** {@code nb_tokens_completion}: the completion tokens the model reported. Registered in the engine's services file. */
public final class CompletionTokensMetric extends TokenCountMetric {

    public CompletionTokensMetric() {
        super("nb_tokens_completion", "Completion tokens of the model call, as the model reported them.",
                Generation::completionTokens);
    }
}
