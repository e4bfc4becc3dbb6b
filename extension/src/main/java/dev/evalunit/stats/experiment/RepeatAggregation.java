package dev.evalunit.stats.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.api.experiment.RepeatStatistics;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/** One metric of one configuration across its repeats: how stable the figure is from run to run. */
@API(status = INTERNAL, since = "0.1")
public final class RepeatAggregation {

    static final double CONFIDENCE = 0.95;

    private RepeatAggregation() {
    }

    /**
     * The statistics of {@code metric} over {@code repeats} (the experiments of one configuration).
     * A run is a repeat whose summary has a mean for the metric; a repeat without a summary of it is
     * summarized from its rows. Rows are matched across repeats by their row id.
     */
    public static RepeatStatistics of(String metric, List<ExperimentResult> repeats) {
        List<Double> runMeans = new ArrayList<>();
        long observations = 0;
        long failures = 0;
        for (ExperimentResult repeat : repeats) {
            MetricSummary summary = repeat.metric(metric).orElseGet(
                    () -> ExperimentSummaries.summarize(repeat.rows(), List.of(metric)).get(metric));
            if (summary.mean() != null) {
                runMeans.add(summary.mean());
            }
            observations += summary.support() + summary.failures();
            failures += summary.failures();
        }
        Double mean = SampleStatistics.mean(runMeans);
        Double standardDeviation = SampleStatistics.standardDeviation(runMeans);
        Double ciLow = null;
        Double ciHigh = null;
        if (standardDeviation != null) {
            int runs = runMeans.size();
            double halfWidth = StudentT.quantile(1 - (1 - CONFIDENCE) / 2, runs - 1)
                    * standardDeviation / Math.sqrt(runs);
            ciLow = mean - halfWidth;
            ciHigh = mean + halfWidth;
        }
        Double failureRate = observations == 0 ? null : (double) failures / observations;
        return new RepeatStatistics(metric, runMeans.size(), mean, standardDeviation, ciLow, ciHigh,
                rowSpread(metric, repeats), failureRate);
    }

    /** Mean over rows scored in at least 2 repeats of the sample standard deviation of their scores. */
    static Double rowSpread(String metric, List<ExperimentResult> repeats) {
        double[][] byPosition = RowScores.byPosition(repeats, metric);
        if (byPosition == null) {
            return rowSpreadById(metric, repeats);
        }
        List<Double> deviations = new ArrayList<>();
        for (int row : RowScores.inOrderOfFirstScore(byPosition)) {
            addDeviation(deviations, RowScores.at(byPosition, row));
        }
        return SampleStatistics.mean(deviations);
    }

    /** {@link #rowSpread} with rows matched by id, whatever their order in each repeat. */
    static Double rowSpreadById(String metric, List<ExperimentResult> repeats) {
        List<Double> deviations = new ArrayList<>();
        for (List<Double> scores : RowScores.acrossRepeats(repeats, metric).values()) {
            addDeviation(deviations, scores);
        }
        return SampleStatistics.mean(deviations);
    }

    private static void addDeviation(List<Double> deviations, List<Double> scores) {
        Double deviation = SampleStatistics.standardDeviation(scores);
        if (deviation != null) {
            deviations.add(deviation);
        }
    }
}
