package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.MetricInput;

import java.util.List;
import org.apiguardian.api.API;

/** {@code generation_time}: the wall time of the model call in seconds, as measured (not truncated). Lower is better. */
@API(status = INTERNAL, since = "0.1")
public final class GenerationTimeMetric implements Metric {

    static final MetricDescriptor DESCRIPTOR = new MetricDescriptor("generation_time", 0, Double.POSITIVE_INFINITY,
            false, List.of(), false, "Wall time of the model call that generated the answer, in seconds.");

    static final String PRE_GENERATED = "no generation time: the output was pre-generated";

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public MetricObservation observe(MetricInput input) {
        Double seconds = input.generation().seconds();
        return seconds == null ? MetricObservation.failed(PRE_GENERATED, null) : MetricObservation.of(seconds);
    }
}
