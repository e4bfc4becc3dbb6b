package dev.evalunit.metrics;

import dev.evalunit.api.experiment.Generation;

/** {@code nb_tokens_prompt}: the prompt tokens the model reported. Registered in the engine's services file. */
public final class PromptTokensMetric extends TokenCountMetric {

    public PromptTokensMetric() {
        super("nb_tokens_prompt", "Prompt tokens of the model call, as the model reported them.",
                Generation::promptTokens);
    }
}
