package dev.evalunit.api.experiment;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a metric measures and how to read it.
 *
 * @param name the metric's name in specs and files, e.g. {@code judge_precision}
 * @param min the lowest score it gives
 * @param max the highest score it gives ({@link Double#POSITIVE_INFINITY} when unbounded)
 * @param higherIsBetter whether a higher score is better (ranking follows it)
 * @param requiredColumns dataset columns it reads (after {@code columns_map}), checked before any call
 * @param usesJudge whether it calls the judge model
 * @param description one sentence for reports
 */
@API(status = STABLE, since = "0.1")
public record MetricDescriptor(String name, double min, double max, boolean higherIsBetter,
                               List<String> requiredColumns, boolean usesJudge, String description) {
    public MetricDescriptor {
        Objects.requireNonNull(name, "name");
        requiredColumns = List.copyOf(requiredColumns);
    }
}
