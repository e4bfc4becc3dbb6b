package dev.evalunit.stats.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.api.experiment.RepeatStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return of(List.of(metric), repeats).get(metric);
    }

    /**
     * {@link #of(String, List)} for each of {@code metrics}, in their order, reading the repeats' rows once for all of
     * them ({@link RowScores#passes}) rather than once per metric.
     */
    public static Map<String, RepeatStatistics> of(List<String> metrics, List<ExperimentResult> repeats) {
        List<Map<String, MetricSummary>> summaries = new ArrayList<>();
        for (ExperimentResult repeat : repeats) {
            summaries.add(summaries(repeat, metrics));
        }
        Map<String, Double> spreads = rowSpreads(metrics, repeats);
        Map<String, RepeatStatistics> statistics = new LinkedHashMap<>();
        for (String metric : metrics) {
            statistics.put(metric, statistics(metric, summaries, spreads.get(metric)));
        }
        return statistics;
    }

    /** The repeat's summary of each metric: its own, or, for the metrics it has none of, one made from its rows. */
    private static Map<String, MetricSummary> summaries(ExperimentResult repeat, List<String> metrics) {
        List<String> missing = metrics.stream().filter(metric -> repeat.metric(metric).isEmpty()).toList();
        Map<String, MetricSummary> made = missing.isEmpty() ? Map.of()
                : ExperimentSummaries.summarize(repeat.rows(), missing);
        Map<String, MetricSummary> summaries = new LinkedHashMap<>();
        for (String metric : metrics) {
            summaries.put(metric, repeat.metric(metric).orElseGet(() -> made.get(metric)));
        }
        return summaries;
    }

    private static RepeatStatistics statistics(String metric, List<Map<String, MetricSummary>> summaries,
                                               Double rowSpread) {
        List<Double> runMeans = new ArrayList<>();
        long observations = 0;
        long failures = 0;
        for (Map<String, MetricSummary> repeat : summaries) {
            MetricSummary summary = repeat.get(metric);
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
        return new RepeatStatistics(metric, runMeans.size(), mean, standardDeviation, ciLow, ciHigh, rowSpread,
                failureRate);
    }

    /** Mean over rows scored in at least 2 repeats of the sample standard deviation of their scores. */
    static Double rowSpread(String metric, List<ExperimentResult> repeats) {
        return rowSpreads(List.of(metric), repeats).get(metric);
    }

    /**
     * {@link #rowSpread} of each metric. With fewer than 2 repeats no row has two scores, so there is no spread and
     * the rows are not read.
     */
    static Map<String, Double> rowSpreads(List<String> metrics, List<ExperimentResult> repeats) {
        Map<String, Double> spreads = new LinkedHashMap<>();
        if (repeats.size() < 2) {
            metrics.forEach(metric -> spreads.put(metric, null));
            return spreads;
        }
        for (List<String> pass : RowScores.passes(metrics, repeats)) {
            double[][][] byPosition = RowScores.byPosition(repeats, pass);
            for (int m = 0; m < pass.size(); m++) {
                spreads.put(pass.get(m), byPosition == null ? rowSpreadById(pass.get(m), repeats)
                        : rowSpread(byPosition[m]));
            }
        }
        return spreads;
    }

    /** {@link #rowSpread} of one metric's scores by position ({@link RowScores#byPosition}). */
    private static Double rowSpread(double[][] byPosition) {
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
