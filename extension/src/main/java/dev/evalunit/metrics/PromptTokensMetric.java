package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.Generation;
import org.apiguardian.api.API;

/** {@code nb_tokens_prompt}: the prompt tokens the model reported. Registered in the engine's services file. */
@API(status = INTERNAL, since = "0.1")
public final class PromptTokensMetric extends TokenCountMetric {

    public PromptTokensMetric() {
        super("nb_tokens_prompt", "Prompt tokens of the model call, as the model reported them.",
                Generation::promptTokens);
    }
}
