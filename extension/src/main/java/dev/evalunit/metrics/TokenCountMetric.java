package dev.evalunit.metrics;

import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.MetricInput;

import java.util.List;
import java.util.function.Function;

/** {@code nb_tokens_prompt} and {@code nb_tokens_completion}: token counts from the generation's usage. */
final class TokenCountMetric implements Metric {

    static final TokenCountMetric PROMPT = new TokenCountMetric(new MetricDescriptor("nb_tokens_prompt", 0,
            Double.POSITIVE_INFINITY, false, List.of(), false,
            "Prompt tokens of the model call, as the model reported them."), Generation::promptTokens);

    static final TokenCountMetric COMPLETION = new TokenCountMetric(new MetricDescriptor("nb_tokens_completion", 0,
            Double.POSITIVE_INFINITY, false, List.of(), false,
            "Completion tokens of the model call, as the model reported them."), Generation::completionTokens);

    static final String NO_USAGE = "the model reported no token usage";
    static final String PRE_GENERATED = "no token usage: the output was pre-generated";

    private final MetricDescriptor descriptor;
    private final Function<Generation, Integer> count;

    private TokenCountMetric(MetricDescriptor descriptor, Function<Generation, Integer> count) {
        this.descriptor = descriptor;
        this.count = count;
    }

    @Override
    public MetricDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public MetricObservation observe(MetricInput input) {
        Generation generation = input.generation();
        Integer tokens = count.apply(generation);
        if (tokens != null) {
            return MetricObservation.of(tokens);
        }
        // Only pre-generated outputs lack a time, so a missing time tells the two causes apart.
        return MetricObservation.failed(generation.seconds() == null ? PRE_GENERATED : NO_USAGE, null);
    }
}
