package dev.evalunit.api.experiment;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One experiment: one configuration, one repeat, over every row of the dataset.
 *
 * @param setName the experiment set's name
 * @param name the experiment's name, e.g. {@code model_comparison_v1__3}
 * @param index the experiment's 0-based position in the set
 * @param configurationId stable hash of {@code configuration}: repeats of a configuration share it
 * @param repeatIndex 0-based repeat
 * @param repeatCount repeats of this configuration
 * @param configuration the merged configuration, secrets removed
 * @param metricNames the metrics, in the order declared
 * @param rows one per dataset row, in dataset order
 * @param metrics per metric, in {@code metricNames} order
 * @param reportDirectory where its files are written
 */
@API(status = STABLE, since = "0.1")
public record ExperimentResult(String setName, String name, int index, String configurationId, int repeatIndex,
                               int repeatCount, Map<String, Object> configuration, List<String> metricNames,
                               List<RowResult> rows, Map<String, MetricSummary> metrics, Path reportDirectory) {
    public ExperimentResult {
        configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        metricNames = List.copyOf(metricNames);
        rows = List.copyOf(rows);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    public Optional<MetricSummary> metric(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    /** The model's name (or aliased name for pre-generated outputs) in the configuration. */
    public String modelName() {
        return ConfigurationViews.modelName(configuration);
    }
}
