package dev.evalunit.stats.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.api.experiment.RowResult;
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
        Running running = new Running(metricNames);
        rows.forEach(running::add);
        return running.summaries();
    }

    /**
     * The same summaries from running sums, a row at a time as a run writes them: the sums are added in row order,
     * so the means are those of {@link #summarize} to the last bit. Not thread-safe.
     */
    @API(status = INTERNAL, since = "0.1")
    public static final class Running {
        private final List<String> metricNames;
        private final double[] sums;
        private final long[] scored;
        private long rows;

        /** @param metricNames the metrics summarized, in order */
        public Running(List<String> metricNames) {
            this.metricNames = List.copyOf(metricNames);
            this.sums = new double[metricNames.size()];
            this.scored = new long[metricNames.size()];
        }

        public void add(RowResult row) {
            for (int m = 0; m < sums.length; m++) {
                MetricObservation observation = row.scores().get(metricNames.get(m));
                if (observation != null && observation.hasScore()) {
                    sums[m] += observation.score();
                    scored[m]++;
                }
            }
            rows++;
        }

        /** Per metric, in order: as {@link #summarize} gives for the rows added. */
        public Map<String, MetricSummary> summaries() {
            Map<String, MetricSummary> summaries = new LinkedHashMap<>();
            for (int m = 0; m < sums.length; m++) {
                Double mean = scored[m] == 0 ? null : sums[m] / scored[m];
                summaries.put(metricNames.get(m), new MetricSummary(metricNames.get(m), mean,
                        Math.toIntExact(scored[m]), Math.toIntExact(rows - scored[m])));
            }
            return summaries;
        }
    }
}
