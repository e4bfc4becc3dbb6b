package dev.evalunit.stats.experiment;

import static dev.evalunit.stats.experiment.Experiments.experiment;
import static dev.evalunit.stats.experiment.Experiments.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RepeatStatistics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An experiment set's aggregation")
class ExperimentSetAggregationTest {

    private static final Path REPORTS = Path.of("reports", "set");
    private static final Map<String, MetricDescriptor> DESCRIPTORS = Map.of(
            "precision", new MetricDescriptor("precision", 0, 1, true, List.of(), true, "judged precision"),
            "length", new MetricDescriptor("length", 0, Double.POSITIVE_INFINITY, false, List.of(), false, "words"),
            "extra", new MetricDescriptor("extra", 0, 1, true, List.of(), false, "only in b"));

    // Interleaved, and a's repeats out of order: a__1, b__0, a__0, b__1.
    private static final ExperimentResult A1 = experiment("a", 1, 0,
            List.of(row("q1", "precision", 1, "length", 30), row("q2", "precision", 0.6, "length", 30)),
            "precision", "length");
    private static final ExperimentResult B0 = experiment("b", 0, 1,
            List.of(row("q1", "precision", 0.5, "length", 10, "extra", 1), row("q2", "precision", 0.5, "length", 10)),
            "precision", "length", "extra");
    private static final ExperimentResult A0 = experiment("a", 0, 2,
            List.of(row("q1", "precision", 1, "length", 30), row("q2", "precision", 1, "length", 30)),
            "precision", "length");
    private static final ExperimentResult B1 = experiment("b", 1, 3,
            List.of(row("q1", "precision", 0.5, "length", 10, "extra", 0), row("q2", "precision", 0.5, "length", 10)),
            "precision", "length", "extra");
    private static final List<ExperimentResult> EXPERIMENTS = List.of(A1, B0, A0, B1);

    private static ExperimentSetResult aggregate() {
        return ExperimentSetAggregation.aggregate("set", "why", EXPERIMENTS, DESCRIPTORS,
                Map.of("a", "model.name=a"), REPORTS);
    }

    @Test
    @DisplayName("keeps the set's name, readme, report directory and experiments as given")
    void identity() {
        ExperimentSetResult set = aggregate();

        assertThat(set.name()).isEqualTo("set");
        assertThat(set.readme()).isEqualTo("why");
        assertThat(set.reportDirectory()).isEqualTo(REPORTS);
        assertThat(set.experiments()).containsExactly(A1, B0, A0, B1);
    }

    @Test
    @DisplayName("groups repeats by configuration id, configurations in order of first appearance, repeats by index")
    void grouping() {
        List<ConfigurationResult> configurations = aggregate().configurations();

        assertThat(configurations).extracting(ConfigurationResult::configurationId).containsExactly("a", "b");
        assertThat(configurations.get(0).experimentNames()).containsExactly("a__0", "a__1");
        assertThat(configurations.get(1).experimentNames()).containsExactly("b__0", "b__1");
        assertThat(configurations.get(0).configuration()).isEqualTo(A0.configuration());
        assertThat(configurations.get(0).modelName()).isEqualTo("a");
    }

    @Test
    @DisplayName("labels each configuration as told, with its id when no label is given")
    void labels() {
        List<ConfigurationResult> configurations = aggregate().configurations();

        assertThat(configurations.get(0).label()).isEqualTo("model.name=a");
        assertThat(configurations.get(1).label()).isEqualTo("b");
    }

    @Test
    @DisplayName("computes the statistics of every metric a configuration's experiments declare")
    void statistics() {
        ConfigurationResult a = aggregate().configurations().get(0);
        ConfigurationResult b = aggregate().configurations().get(1);

        assertThat(a.statistics()).containsOnlyKeys("precision", "length");
        assertThat(b.statistics()).containsOnlyKeys("precision", "length", "extra");
        RepeatStatistics precision = a.statistic("precision").orElseThrow();
        // run means 1.0 and 0.8; q2 varies 1 -> 0.6 (sd √0.08), q1 not at all
        assertThat(precision.runs()).isEqualTo(2);
        assertThat(precision.mean()).isCloseTo(0.9, within(1e-12));
        assertThat(precision.standardDeviation()).isCloseTo(Math.sqrt(0.02), within(1e-12));
        assertThat(precision.rowSpread()).isCloseTo(Math.sqrt(0.08) / 2, within(1e-12));
        assertThat(precision.failureRate()).isEqualTo(0.0);
        assertThat(b.statistic("extra").orElseThrow().failureRate()).isEqualTo(0.5);
    }

    @Test
    @DisplayName("ranks every metric of the set in its direction, with the paired test's p-value")
    void rankings() {
        Map<String, MetricRanking> rankings = aggregate().rankings();

        assertThat(rankings).containsOnlyKeys("precision", "length", "extra");
        assertThat(List.copyOf(rankings.keySet())).containsExactly("precision", "length", "extra");
        // a's rows average 1 and 0.8 against b's 0.5 and 0.5: differences 0.5, 0.3 -> sums ±0.8 in 2 of 4
        assertThat(rankings.get("precision")).isEqualTo(new MetricRanking("precision", true, List.of("a", "b"), 0.5));
        assertThat(rankings.get("length")).isEqualTo(new MetricRanking("length", false, List.of("b", "a"), 0.5));
        assertThat(rankings.get("extra")).isEqualTo(new MetricRanking("extra", true, List.of("b"), null));
        assertThat(aggregate().best("length").map(ConfigurationResult::configurationId)).contains("b");
    }

    @Test
    @DisplayName("refuses a metric without a descriptor, as its direction is unknown")
    void missingDescriptor() {
        assertThatThrownBy(() -> ExperimentSetAggregation.aggregate("set", "why", EXPERIMENTS,
                Map.of("precision", DESCRIPTORS.get("precision")), Map.of(), REPORTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no descriptor for metric [length]: its direction is unknown");
    }

    @Test
    @DisplayName("of no experiments is an empty set")
    void empty() {
        ExperimentSetResult set = ExperimentSetAggregation.aggregate("set", "", List.of(), Map.of(), Map.of(), REPORTS);

        assertThat(set.configurations()).isEmpty();
        assertThat(set.rankings()).isEmpty();
    }
}
