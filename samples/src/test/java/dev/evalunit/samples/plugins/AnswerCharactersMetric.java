package dev.evalunit.samples.plugins;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.MetricInput;
import java.util.List;

/**
 * {@code answer_characters}: how many characters the answer has, white space at its ends aside. Lower
 * is better: of two configurations that are equally right, the one with the shorter answers is cheaper
 * to run and quicker to read.
 *
 * <p>A metric of the project's own, not the engine's: it is registered only by the line
 * {@code dev.evalunit.samples.plugins.AnswerCharactersMetric} in
 * {@code src/test/resources/META-INF/services/dev.evalunit.api.spi.Metric}, and any experiment set of
 * the project can then name it.
 */
public final class AnswerCharactersMetric implements Metric {

    /** The name experiment sets use. */
    public static final String NAME = "answer_characters";

    private static final MetricDescriptor DESCRIPTOR = new MetricDescriptor(
            NAME,
            0, Double.POSITIVE_INFINITY, // the scale: from 0, unbounded
            false,                       // higher is better? No: lower is better, and rankings follow
            List.of(),                   // dataset columns it reads: none, only the answer
            false,                       // it does not call the judge model
            "Characters of the answer, white space at its ends aside.");

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public MetricObservation observe(MetricInput input) {
        String answer = input.generation().output();
        if (answer == null) {
            // A row's failure is an observation with its reason, never an exception.
            return MetricObservation.failed("the model gave no answer", null);
        }
        return MetricObservation.of(answer.strip().length());
    }
}
