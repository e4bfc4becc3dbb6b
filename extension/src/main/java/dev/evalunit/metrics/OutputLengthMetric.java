package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.MetricInput;

import java.util.List;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/** {@code output_length}: the number of whitespace-separated words of the answer, as EvalAP counts them. Lower is better. */
@API(status = INTERNAL, since = "0.1")
public final class OutputLengthMetric implements Metric {

    static final MetricDescriptor DESCRIPTOR = new MetricDescriptor("output_length", 0, Double.POSITIVE_INFINITY,
            false, List.of(), false, "Number of words of the answer (separated by white space).");

    // Unicode white space (a no-break space separates words too), as Python's str.split() that EvalAP uses.
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public MetricObservation observe(MetricInput input) {
        return MetricObservation.of(words(input.generation().output()));
    }

    static int words(String text) {
        if (text == null) {
            return 0;
        }
        String stripped = WHITE_SPACE.matcher(text).replaceAll(" ").strip();
        return stripped.isEmpty() ? 0 : stripped.split(" ").length;
    }
}
