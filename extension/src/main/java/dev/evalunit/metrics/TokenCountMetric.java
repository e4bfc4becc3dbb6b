package dev.evalunit.metrics;

import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.MetricInput;

import java.util.List;
import java.util.function.Function;

/**
 * A token count from the generation's usage; {@link PromptTokensMetric} and {@link CompletionTokensMetric}
 * say which. Lower is better.
 */
abstract class TokenCountMetric implements Metric {

    static final String NO_USAGE = "the model reported no token usage";
    static final String PRE_GENERATED = "no token usage: the output was pre-generated";

    private final MetricDescriptor descriptor;
    private final Function<Generation, Integer> count;

    TokenCountMetric(String name, String description, Function<Generation, Integer> count) {
        this.descriptor = new MetricDescriptor(name, 0, Double.POSITIVE_INFINITY, false, List.of(), false, description);
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
