package dev.evalunit.experiment;

import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.experiment.spec.ExperimentSpec;
import java.util.List;
import java.util.Map;

/**
 * One experiment, validated: its dataset is loaded and has every column its metrics need, its
 * answers and judge are bound. Nothing has been called.
 *
 * @param judge the judge model, or {@code null} when no metric needs one
 */
public record ExperimentPlan(ExperimentSpec spec, Dataset dataset, Map<String, String> columnsMap, Answers answers,
                             List<Metric> metrics, ModelClient judge) {
    public ExperimentPlan {
        columnsMap = Map.copyOf(columnsMap);
        metrics = List.copyOf(metrics);
    }

    public List<String> metricNames() {
        return metrics.stream().map(m -> m.descriptor().name()).toList();
    }
}
