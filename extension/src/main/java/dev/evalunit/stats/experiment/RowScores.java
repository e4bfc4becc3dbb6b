package dev.evalunit.stats.experiment;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.RowResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric's scores by row, for one experiment or gathered over repeats. Rows are matched across experiments by
 * id ({@link RowKey}), in maps keyed by row; when every experiment lists the same ids in the same order (one
 * dataset in dataset order: the usual case) a row is its position instead ({@link #byPosition}), and a score takes
 * 8 bytes, not a map entry. Both give the same figures, added up in the same order.
 */
final class RowScores {

    /** The most bytes of scores one reading of a set's rows holds ({@link #passes}). */
    static final long PASS_BYTES = 16L << 20;

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

    /**
     * Each experiment's score of {@code metric}, row by row ({@code NaN} where a row has none: a score is never
     * {@code NaN}), when every experiment lists the same row ids in the same order; {@code null} when they do not.
     * The experiments' rows are read in lockstep, once each, a row of each at a time.
     */
    static double[][] byPosition(List<ExperimentResult> experiments, String metric) {
        double[][][] scores = byPosition(experiments, List.of(metric));
        return scores == null ? null : scores[0];
    }

    /**
     * {@link #byPosition(List, String)} for several metrics from one reading of the rows: {@code [metric][experiment][row]},
     * metrics in the order given. Reading a row (from its file, for a run's experiments) costs more than taking its
     * scores, so a set's figures read each file once per {@linkplain #passes pass}, not once per metric.
     */
    static double[][][] byPosition(List<ExperimentResult> experiments, List<String> metrics) {
        int size = experiments.isEmpty() ? 0 : experiments.get(0).rows().size();
        List<Iterator<RowResult>> rows = new ArrayList<>();
        for (ExperimentResult experiment : experiments) {
            if (experiment.rows().size() != size) {
                return null;
            }
            rows.add(experiment.rows().iterator());
        }
        double[][][] scores = new double[metrics.size()][experiments.size()][size];
        for (int row = 0; row < size; row++) {
            Object id = null;
            for (int e = 0; e < rows.size(); e++) {
                RowResult next = rows.get(e).next();
                if (e == 0) {
                    id = next.rowId();
                } else if (!RowKey.sameId(id, next.rowId())) {
                    return null;
                }
                for (int m = 0; m < metrics.size(); m++) {
                    MetricObservation observation = next.scores().get(metrics.get(m));
                    scores[m][e][row] = observation != null && observation.hasScore() ? observation.score() : Double.NaN;
                }
            }
        }
        return scores;
    }

    /**
     * {@code metrics} in the groups read together by {@link #byPosition(List, List)}: as many as keep one reading's
     * scores of {@code experiments} within {@value #PASS_BYTES} bytes, and at least one. A set of the usual size
     * reads its files once; one of 100,000 rows, 6 experiments and 4 metrics, twice.
     */
    static List<List<String>> passes(List<String> metrics, List<ExperimentResult> experiments) {
        long rows = experiments.isEmpty() ? 0 : experiments.get(0).rows().size();
        long bytesPerMetric = Math.max(1, Double.BYTES * rows * experiments.size());
        int perPass = (int) Math.max(1, Math.min(metrics.size(), PASS_BYTES / bytesPerMetric));
        List<List<String>> passes = new ArrayList<>();
        for (int from = 0; from < metrics.size(); from += perPass) {
            passes.add(metrics.subList(from, Math.min(metrics.size(), from + perPass)));
        }
        return passes;
    }

    /**
     * Row {@code row}'s scores in {@code scores} ({@link #byPosition}), experiments in order, those without one left
     * out: what {@link #acrossRepeats} holds for the row.
     */
    static List<Double> at(double[][] scores, int row) {
        List<Double> values = new ArrayList<>(scores.length);
        for (double[] experiment : scores) {
            if (!Double.isNaN(experiment[row])) {
                values.add(experiment[row]);
            }
        }
        return values;
    }

    /**
     * The rows of {@code scores} ({@link #byPosition}) that have a score, in the order the maps keyed by row hold
     * them ({@link #acrossRepeats}): a row comes when it is first scored, so the rows the first experiment scores
     * come first, in their order, then those the second scores first, and so on. Figures added up over the rows
     * in this order are those of the maps to the last bit.
     */
    static int[] inOrderOfFirstScore(double[][] scores) {
        int rows = scores.length == 0 ? 0 : scores[0].length;
        int[] first = new int[rows];
        Arrays.fill(first, -1);
        int scored = 0;
        for (int e = scores.length - 1; e >= 0; e--) {
            for (int row = 0; row < rows; row++) {
                if (!Double.isNaN(scores[e][row])) {
                    scored += first[row] < 0 ? 1 : 0;
                    first[row] = e;
                }
            }
        }
        int[] order = new int[scored];
        int next = 0;
        for (int e = 0; e < scores.length; e++) {
            for (int row = 0; row < rows; row++) {
                if (first[row] == e) {
                    order[next++] = row;
                }
            }
        }
        return order;
    }
}
