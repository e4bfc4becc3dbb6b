package dev.evalunit.stats.experiment;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.RowResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small experiments built by hand for the statistics' tests. */
final class Experiments {

    static final String FAILURE = "judge reply had no score";

    private Experiments() {
    }

    /**
     * A row with one observation per {@code metric, score} pair; a {@code null} score is a failed
     * observation, a metric left out has no observation at all.
     */
    static RowResult row(Object id, Object... metricsAndScores) {
        Map<String, MetricObservation> scores = new LinkedHashMap<>();
        for (int i = 0; i < metricsAndScores.length; i += 2) {
            Object score = metricsAndScores[i + 1];
            scores.put((String) metricsAndScores[i], score == null
                    ? MetricObservation.failed(FAILURE, "no idea")
                    : MetricObservation.of(((Number) score).doubleValue()));
        }
        return new RowResult(id, Generation.preGenerated("answer " + id), scores);
    }

    /** Rows {@code q1, q2, ...} scored on {@code metric} with {@code scores} ({@code null}: failed). */
    static List<RowResult> rows(String metric, Double... scores) {
        RowResult[] rows = new RowResult[scores.length];
        for (int i = 0; i < scores.length; i++) {
            rows[i] = row("q" + (i + 1), metric, scores[i]);
        }
        return List.of(rows);
    }

    static ExperimentResult experiment(String configurationId, int repeatIndex, List<RowResult> rows,
                                       String... metricNames) {
        return experiment(configurationId, repeatIndex, 0, rows, metricNames);
    }

    static ExperimentResult experiment(String configurationId, int repeatIndex, int index, List<RowResult> rows,
                                       String... metricNames) {
        List<String> metrics = List.of(metricNames);
        return new ExperimentResult("set", configurationId + "__" + repeatIndex, index, configurationId, repeatIndex,
                3, Map.of("model", Map.of("name", configurationId)), metrics, rows,
                ExperimentSummaries.summarize(rows, metrics), Path.of("reports", configurationId));
    }

    /** An experiment that carries no summary, so that its figures must come from its rows. */
    static ExperimentResult withoutSummaries(ExperimentResult experiment) {
        return new ExperimentResult(experiment.setName(), experiment.name(), experiment.index(),
                experiment.configurationId(), experiment.repeatIndex(), experiment.repeatCount(),
                experiment.configuration(), experiment.metricNames(), experiment.rows(), Map.of(),
                experiment.reportDirectory());
    }
}
