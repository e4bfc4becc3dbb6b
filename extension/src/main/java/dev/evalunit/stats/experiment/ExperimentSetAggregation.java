package dev.evalunit.stats.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RepeatStatistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/** Turns a set's finished experiments into its configurations, their statistics and the rankings. */
@API(status = INTERNAL, since = "0.1")
public final class ExperimentSetAggregation {

    /** Seeds the permutation tests, so that a set's p-values are the same on every run. */
    public static final long RANKING_SEED = 20261123L;

    private ExperimentSetAggregation() {
    }

    /**
     * Groups {@code experiments} by configuration id (configurations in order of first appearance,
     * each one's repeats by repeat index), computes every metric's {@link RepeatStatistics} per
     * configuration (the metrics its experiments declare) and ranks the configurations on every
     * metric of the set (metrics in order of first declaration).
     *
     * @param descriptors by metric name: the direction each ranking follows; every metric must have one
     * @param labelsByConfigurationId what distinguishes each configuration; the id stands in for a missing label
     * @throws IllegalArgumentException when a metric has no descriptor
     */
    public static ExperimentSetResult aggregate(String setName, String readme, List<ExperimentResult> experiments,
                                                Map<String, MetricDescriptor> descriptors,
                                                Map<String, String> labelsByConfigurationId, Path reportDirectory) {
        Map<String, Boolean> higherIsBetter = new LinkedHashMap<>();
        descriptors.forEach((metric, descriptor) -> higherIsBetter.put(metric, descriptor.higherIsBetter()));
        return aggregateByDirection(setName, readme, experiments, higherIsBetter, labelsByConfigurationId, reportDirectory);
    }

    /**
     * As {@link #aggregate}, with only what the aggregation reads of each metric's descriptor: its direction.
     * The merge of a sharded run's files calls this, with the directions its shards recorded.
     *
     * @param higherIsBetter by metric name: whether a higher value ranks first; every metric must have one
     */
    public static ExperimentSetResult aggregateByDirection(String setName, String readme, List<ExperimentResult> experiments,
                                                           Map<String, Boolean> higherIsBetter,
                                                           Map<String, String> labelsByConfigurationId, Path reportDirectory) {
        Map<String, List<ExperimentResult>> repeatsById = new LinkedHashMap<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (ExperimentResult experiment : experiments) {
            repeatsById.computeIfAbsent(experiment.configurationId(), id -> new ArrayList<>()).add(experiment);
            metrics.addAll(experiment.metricNames());
        }
        repeatsById.values().forEach(repeats -> repeats.sort(Comparator.comparingInt(ExperimentResult::repeatIndex)));

        List<ConfigurationResult> configurations = new ArrayList<>();
        repeatsById.forEach((id, repeats) -> configurations.add(configuration(id, repeats,
                labelsByConfigurationId.getOrDefault(id, id))));

        Map<String, Boolean> directions = new LinkedHashMap<>();
        for (String metric : metrics) {
            Boolean higher = higherIsBetter.get(metric);
            if (higher == null) {
                throw new IllegalArgumentException("no descriptor for metric [" + metric + "]: its direction is unknown");
            }
            directions.put(metric, higher);
        }
        Map<String, MetricRanking> rankings = Rankings.rankAll(directions, configurations, repeatsById, RANKING_SEED);
        return new ExperimentSetResult(setName, readme, experiments, configurations, rankings, reportDirectory);
    }

    private static ConfigurationResult configuration(String id, List<ExperimentResult> repeats, String label) {
        Set<String> metrics = new LinkedHashSet<>();
        repeats.forEach(repeat -> metrics.addAll(repeat.metricNames()));
        Map<String, RepeatStatistics> statistics = RepeatAggregation.of(List.copyOf(metrics), repeats);
        return new ConfigurationResult(id, label, repeats.get(0).configuration(),
                repeats.stream().map(ExperimentResult::name).toList(), statistics);
    }
}
