package dev.evalunit.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.experiment.spec.ExperimentConfiguration;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One experiment, validated: its dataset is loaded and has every column its metrics need, its
 * answers and judge are bound. Nothing has been called.
 *
 * @param judge the judge model, or {@code null} when no metric needs one
 */
@API(status = INTERNAL, since = "0.1")
public record ExperimentPlan(ExperimentConfiguration configuration, Dataset dataset, Answers answers,
                             List<Metric> metrics, ModelClient judge) {
    public ExperimentPlan {
        metrics = List.copyOf(metrics);
    }

    /** Canonical name to dataset column, as the configuration maps them. */
    public Map<String, String> columnsMap() {
        return configuration.columnsMap();
    }

    public List<String> metricNames() {
        return metrics.stream().map(m -> m.descriptor().name()).toList();
    }
}
