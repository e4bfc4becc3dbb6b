package dev.evalunit.stats.experiment;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.RowResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One metric's scores by row, for one experiment or gathered over repeats. */
final class RowScores {

    private RowScores() {
    }

    /** The score of each row that has one, in row order; the rows are read once, in order. */
    static Map<RowKey, Double> of(ExperimentResult experiment, String metric) {
        RowKey.Keys keys = new RowKey.Keys();
        Map<RowKey, Double> scores = new LinkedHashMap<>();
        for (RowResult row : experiment.rows()) {
            RowKey key = keys.next(row);
            MetricObservation observation = row.scores().get(metric);
            if (observation != null && observation.hasScore()) {
                scores.put(key, observation.score());
            }
        }
        return scores;
    }

    /** Each row's scores over the repeats that scored it, rows in order of first appearance. */
    static Map<RowKey, List<Double>> acrossRepeats(List<ExperimentResult> repeats, String metric) {
        Map<RowKey, List<Double>> scores = new LinkedHashMap<>();
        for (ExperimentResult repeat : repeats) {
            of(repeat, metric).forEach((key, score) -> scores.computeIfAbsent(key, k -> new ArrayList<>()).add(score));
        }
        return scores;
    }

    /** Each row's mean score over the repeats that scored it. */
    static Map<RowKey, Double> meanAcrossRepeats(List<ExperimentResult> repeats, String metric) {
        Map<RowKey, Double> means = new LinkedHashMap<>();
        acrossRepeats(repeats, metric).forEach((key, scores) -> means.put(key, SampleStatistics.mean(scores)));
        return means;
    }
}
