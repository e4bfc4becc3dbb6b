package dev.evalunit.stats.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RepeatStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/** Ranks configurations on one metric and tests whether the best differs from the runner-up. */
@API(status = INTERNAL, since = "0.1")
public final class Rankings {

    private Rankings() {
    }

    /**
     * Orders the configurations that have a mean of run means for {@code metric}, best first
     * following {@code higherIsBetter}; equal means keep the order in which the configurations were
     * declared (a hash-ordered tie would make the "best" of two equal configurations arbitrary). The p-value is {@link PairedPermutationTest}'s over the rows
     * scored in both the best and the runner-up (row ids matched; each row's score averaged over its
     * configuration's repeats), or {@code null} with fewer than two ranked configurations or no
     * shared row.
     *
     * @param repeatsByConfigurationId each configuration's experiments; a missing entry means no rows
     * @param seed for the random sign flips when there are too many rows to enumerate
     */
    public static MetricRanking rank(String metric, boolean higherIsBetter, List<ConfigurationResult> configurations,
                                     Map<String, List<ExperimentResult>> repeatsByConfigurationId, long seed) {
        return rankAll(Map.of(metric, higherIsBetter), configurations, repeatsByConfigurationId, seed).get(metric);
    }

    /**
     * {@link #rank} of each metric of {@code higherIsBetter}, in its order. The metrics whose best and runner-up are
     * the same two configurations (either way round: on most sets, every metric's) have their differences taken from
     * one reading of those configurations' rows ({@link RowScores#passes}), not one reading per metric.
     */
    public static Map<String, MetricRanking> rankAll(Map<String, Boolean> higherIsBetter,
                                                     List<ConfigurationResult> configurations,
                                                     Map<String, List<ExperimentResult>> repeatsByConfigurationId,
                                                     long seed) {
        Map<String, List<String>> orders = new LinkedHashMap<>();
        Map<List<String>, List<String>> metricsByPair = new LinkedHashMap<>();
        higherIsBetter.forEach((metric, higher) -> {
            List<String> ids = order(metric, higher, configurations);
            orders.put(metric, ids);
            if (ids.size() >= 2) {
                // Keyed by the pair as first met: a metric the same two lead the other way round joins its group.
                List<String> pair = ids.subList(0, 2);
                List<String> either = metricsByPair.containsKey(List.of(pair.get(1), pair.get(0)))
                        ? List.of(pair.get(1), pair.get(0)) : List.copyOf(pair);
                metricsByPair.computeIfAbsent(either, key -> new ArrayList<>()).add(metric);
            }
        });
        Map<String, double[]> differences = new LinkedHashMap<>();
        metricsByPair.forEach((pair, metrics) -> {
            Map<String, Boolean> firstIsBest = new LinkedHashMap<>();
            metrics.forEach(metric -> firstIsBest.put(metric, orders.get(metric).get(0).equals(pair.get(0))));
            differences.putAll(differences(firstIsBest, repeatsByConfigurationId.getOrDefault(pair.get(0), List.of()),
                    repeatsByConfigurationId.getOrDefault(pair.get(1), List.of())));
        });
        Map<String, MetricRanking> rankings = new LinkedHashMap<>();
        higherIsBetter.forEach((metric, higher) -> {
            double[] metricDifferences = differences.get(metric);
            rankings.put(metric, new MetricRanking(metric, higher, orders.get(metric),
                    metricDifferences == null ? null : PairedPermutationTest.pValue(metricDifferences, seed)));
        });
        return rankings;
    }

    /** The ids of the configurations with a mean of {@code metric}, best first. */
    private static List<String> order(String metric, boolean higherIsBetter, List<ConfigurationResult> configurations) {
        record Ranked(String configurationId, double mean) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (ConfigurationResult configuration : configurations) {
            configuration.statistic(metric).map(RepeatStatistics::mean)
                    .ifPresent(mean -> ranked.add(new Ranked(configuration.configurationId(), mean)));
        }
        Comparator<Ranked> byMean = Comparator.comparingDouble(Ranked::mean);
        // List.sort is stable: equal means keep the order the configurations were declared in.
        ranked.sort(higherIsBetter ? byMean.reversed() : byMean);
        return ranked.stream().map(Ranked::configurationId).toList();
    }

    /**
     * The differences of each metric of {@code firstIsBest} between two configurations, the repeats {@code first} and
     * {@code second}: best minus runner-up, the first being the best where the map says so.
     */
    private static Map<String, double[]> differences(Map<String, Boolean> firstIsBest, List<ExperimentResult> first,
                                                     List<ExperimentResult> second) {
        Map<String, double[]> differences = new LinkedHashMap<>();
        List<ExperimentResult> both = new ArrayList<>(first);
        both.addAll(second);
        for (List<String> pass : RowScores.passes(List.copyOf(firstIsBest.keySet()), both)) {
            double[][][] byPosition = first.isEmpty() || second.isEmpty() ? null : RowScores.byPosition(both, pass);
            for (int m = 0; m < pass.size(); m++) {
                String metric = pass.get(m);
                boolean firstBest = firstIsBest.get(metric);
                if (byPosition == null) {
                    differences.put(metric, firstBest ? differencesById(metric, first, second)
                            : differencesById(metric, second, first));
                } else {
                    double[][] firstScores = Arrays.copyOfRange(byPosition[m], 0, first.size());
                    double[][] secondScores = Arrays.copyOfRange(byPosition[m], first.size(), both.size());
                    differences.put(metric, firstBest ? differences(firstScores, secondScores)
                            : differences(secondScores, firstScores));
                }
            }
        }
        return differences;
    }

    /** Best minus runner-up, per row scored in both, in the best's row order. */
    static double[] differences(String metric, List<ExperimentResult> best, List<ExperimentResult> runnerUp) {
        return differences(Map.of(metric, true), best, runnerUp).get(metric);
    }

    /** {@link #differences(String, List, List)} of scores by position ({@link RowScores#byPosition}). */
    private static double[] differences(double[][] bestScores, double[][] runnerUpScores) {
        int[] rows = RowScores.inOrderOfFirstScore(bestScores);
        double[] differences = new double[rows.length];
        int count = 0;
        for (int row : rows) {
            Double runnerUpMean = SampleStatistics.mean(RowScores.at(runnerUpScores, row));
            if (runnerUpMean != null) {
                differences[count++] = SampleStatistics.mean(RowScores.at(bestScores, row)) - runnerUpMean;
            }
        }
        return Arrays.copyOf(differences, count);
    }

    /** {@link #differences} with rows matched by id, whatever their order in each experiment. */
    static double[] differencesById(String metric, List<ExperimentResult> best, List<ExperimentResult> runnerUp) {
        Map<RowKey, Double> bestScores = RowScores.meanAcrossRepeats(best, metric);
        Map<RowKey, Double> runnerUpScores = RowScores.meanAcrossRepeats(runnerUp, metric);
        return bestScores.entrySet().stream()
                .filter(row -> runnerUpScores.containsKey(row.getKey()))
                .mapToDouble(row -> row.getValue() - runnerUpScores.get(row.getKey()))
                .toArray();
    }
}
