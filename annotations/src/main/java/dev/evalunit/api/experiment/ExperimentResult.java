package dev.evalunit.api.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import dev.evalunit.api.usage.Usage;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
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
 * @param rows one per dataset row, in dataset order; a run's rows are read from its observations file as they are
 *     needed ({@link StoredRows}), so that none stays in memory
 * @param metrics per metric, in {@code metricNames} order
 * @param reportDirectory where its files are written
 * @param displayName what tells it apart in its set and which run it is, e.g.
 *     {@code model=m1, temperature=0.2 · run 2/3}: its JUnit display name. Not written to any file: a result
 *     read back from files has its {@code name} here
 * @param usage the tokens and cost of the replies its rows received (its answers and its judges'), as its
 *     {@code summary.json} gives them; the set's {@link ExperimentSetResult#usage()} is their sum;
 *     {@link Usage#NONE} when not counted
 */
@API(status = STABLE, since = "0.1")
public record ExperimentResult(String setName, String name, int index, String configurationId, int repeatIndex,
                               int repeatCount, Map<String, Object> configuration, List<String> metricNames,
                               List<RowResult> rows, Map<String, MetricSummary> metrics, Path reportDirectory,
                               String displayName, Usage usage) {
    public ExperimentResult {
        displayName = displayName == null || displayName.isBlank() ? name : displayName;
        configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        metricNames = List.copyOf(metricNames);
        rows = rows instanceof StoredRows ? rows : List.copyOf(rows);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        usage = usage == null ? Usage.NONE : usage;
    }

    /** An experiment without counted usage ({@link Usage#NONE}). */
    public ExperimentResult(String setName, String name, int index, String configurationId, int repeatIndex,
                            int repeatCount, Map<String, Object> configuration, List<String> metricNames,
                            List<RowResult> rows, Map<String, MetricSummary> metrics, Path reportDirectory,
                            String displayName) {
        this(setName, name, index, configurationId, repeatIndex, repeatCount, configuration, metricNames, rows, metrics,
                reportDirectory, displayName, Usage.NONE);
    }

    /** A result without a display name of its own (e.g. read back from files): its {@code name} stands for it. */
    public ExperimentResult(String setName, String name, int index, String configurationId, int repeatIndex,
                            int repeatCount, Map<String, Object> configuration, List<String> metricNames,
                            List<RowResult> rows, Map<String, MetricSummary> metrics, Path reportDirectory) {
        this(setName, name, index, configurationId, repeatIndex, repeatCount, configuration, metricNames, rows, metrics,
                reportDirectory, name);
    }

    /** The same experiment with {@code value} as its tokens and cost. */
    public ExperimentResult withUsage(Usage value) {
        return new ExperimentResult(setName, name, index, configurationId, repeatIndex, repeatCount, configuration,
                metricNames, rows, metrics, reportDirectory, displayName, value);
    }

    /**
     * How messages name this experiment: {@code model=m1, temperature=0.2 · run 2/3 (model_comparison_v1__3)},
     * or only its name when it has no display name of its own.
     */
    public String description() {
        return displayName.equals(name) ? name : displayName + " (" + name + ")";
    }

    public Optional<MetricSummary> metric(String name) {
        return Optional.ofNullable(metrics.get(name));
    }

    /** The model's name in the configuration: its aliased name for pre-generated outputs, its method's for a method. */
    public String modelName() {
        return ConfigurationViews.modelName(configuration);
    }

    /**
     * Rows kept in a file rather than in memory: an immutable list in dataset order that the canonical
     * constructor keeps as it is instead of copying it (see {@link #rows()}). The engine's lists extend it;
     * a test has no need to.
     */
    @API(status = INTERNAL, since = "0.1")
    public abstract static class StoredRows extends AbstractList<RowResult> implements RandomAccess {

        /** For the engine's lists, which read their rows from a file. */
        protected StoredRows() {
        }
    }
}
