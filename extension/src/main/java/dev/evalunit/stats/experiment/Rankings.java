package dev.evalunit.stats.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RepeatStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
        List<String> ids = ranked.stream().map(Ranked::configurationId).toList();
        Double pValue = ids.size() < 2 ? null : PairedPermutationTest.pValue(
                differences(metric, repeatsByConfigurationId.getOrDefault(ids.get(0), List.of()),
                        repeatsByConfigurationId.getOrDefault(ids.get(1), List.of())), seed);
        return new MetricRanking(metric, higherIsBetter, ids, pValue);
    }

    /** Best minus runner-up, per row scored in both, in the best's row order. */
    static double[] differences(String metric, List<ExperimentResult> best, List<ExperimentResult> runnerUp) {
        List<ExperimentResult> both = new ArrayList<>(best);
        both.addAll(runnerUp);
        double[][] byPosition = best.isEmpty() || runnerUp.isEmpty() ? null : RowScores.byPosition(both, metric);
        if (byPosition == null) {
            return differencesById(metric, best, runnerUp);
        }
        double[][] bestScores = Arrays.copyOfRange(byPosition, 0, best.size());
        double[][] runnerUpScores = Arrays.copyOfRange(byPosition, best.size(), both.size());
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
