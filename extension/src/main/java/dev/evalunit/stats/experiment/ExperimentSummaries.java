package dev.evalunit.stats.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.api.experiment.RowResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/** Summarizes one experiment's rows, metric by metric. */
@API(status = INTERNAL, since = "0.1")
public final class ExperimentSummaries {

    private ExperimentSummaries() {
    }

    /**
     * Per metric, in {@code metricNames} order: the mean of the rows' scores, the rows with a score
     * (support) and the rows without one (failures). A row that has no observation of a metric at
     * all counts as a failure too: every row was due a score.
     */
    public static Map<String, MetricSummary> summarize(List<RowResult> rows, List<String> metricNames) {
        Map<String, MetricSummary> summaries = new LinkedHashMap<>();
        for (String metric : metricNames) {
            List<Double> scores = new ArrayList<>();
            for (RowResult row : rows) {
                MetricObservation observation = row.scores().get(metric);
                if (observation != null && observation.hasScore()) {
                    scores.add(observation.score());
                }
            }
            summaries.put(metric, new MetricSummary(metric, SampleStatistics.mean(scores), scores.size(),
                    rows.size() - scores.size()));
        }
        return summaries;
    }
}
