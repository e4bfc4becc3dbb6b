package dev.evalunit.stats.experiment;

import static dev.evalunit.stats.experiment.Experiments.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.experiment.MetricSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An experiment's metric summaries")
class ExperimentSummariesTest {

    @Test
    @DisplayName("hold, per metric, the mean of the scores, the rows with a score and the rows without")
    void meanSupportFailures() {
        Map<String, MetricSummary> summaries = ExperimentSummaries.summarize(List.of(
                row("q1", "precision", 1.0, "length", 10),
                row("q2", "precision", 0.0, "length", 20),
                row("q3", "precision", null, "length", 60),
                row("q4", "precision", 0.5, "length", null)), List.of("precision", "length"));

        assertThat(summaries.get("precision")).isEqualTo(new MetricSummary("precision", 0.5, 3, 1));
        assertThat(summaries.get("length")).isEqualTo(new MetricSummary("length", 30.0, 3, 1));
        assertThat(summaries.get("length").failureRate()).isEqualTo(0.25);
    }

    @Test
    @DisplayName("are in the order of the metric names given, not the order of the rows' observations")
    void metricOrder() {
        Map<String, MetricSummary> summaries = ExperimentSummaries.summarize(
                List.of(row("q1", "a", 1, "b", 2, "c", 3)), List.of("c", "a", "b"));

        assertThat(summaries).containsOnlyKeys("c", "a", "b");
        assertThat(List.copyOf(summaries.keySet())).containsExactly("c", "a", "b");
    }

    @Test
    @DisplayName("count a row without any observation of the metric as a failure")
    void missingObservationIsFailure() {
        Map<String, MetricSummary> summaries = ExperimentSummaries.summarize(
                List.of(row("q1", "a", 1.0), row("q2"), row("q3", "a", 3.0)), List.of("a"));

        assertThat(summaries.get("a")).isEqualTo(new MetricSummary("a", 2.0, 2, 1));
    }

    @Test
    @DisplayName("have a null mean, not NaN, when no row has a score")
    void allFailed() {
        MetricSummary summary = ExperimentSummaries.summarize(
                List.of(row("q1", "a", null), row("q2")), List.of("a")).get("a");

        assertThat(summary).isEqualTo(new MetricSummary("a", null, 0, 2));
        assertThat(summary.failureRate()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("have a null mean and a null failure rate without rows")
    void noRows() {
        MetricSummary summary = ExperimentSummaries.summarize(List.of(), List.of("a")).get("a");

        assertThat(summary).isEqualTo(new MetricSummary("a", null, 0, 0));
        assertThat(summary.failureRate()).isNull();
    }
}
