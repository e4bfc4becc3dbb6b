package dev.evalunit.stats.experiment;

import static dev.evalunit.stats.experiment.Experiments.experiment;
import static dev.evalunit.stats.experiment.Experiments.row;
import static dev.evalunit.stats.experiment.Experiments.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.MetricRanking;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A metric's ranking")
class RankingsTest {

    private static final long SEED = 20261123L;

    /** Configurations built from their repeats, as the set aggregation builds them. */
    private static final class Configurations {
        final List<ConfigurationResult> results = new ArrayList<>();
        final Map<String, List<ExperimentResult>> repeats = new LinkedHashMap<>();

        Configurations add(String id, ExperimentResult... experiments) {
            repeats.put(id, List.of(experiments));
            results.add(new ConfigurationResult(id, id, Map.of(), List.of(),
                    Map.of("m", RepeatAggregation.of("m", List.of(experiments)))));
            return this;
        }

        MetricRanking rank(boolean higherIsBetter) {
            return Rankings.rank("m", higherIsBetter, results, repeats, SEED);
        }
    }

    private static ExperimentResult scored(String id, Double... scores) {
        return experiment(id, 0, rows("m", scores), "m");
    }

    @Nested
    @DisplayName("orders configurations by mean of run means")
    class Order {

        private final Configurations configurations = new Configurations()
                .add("mid", scored("mid", 0.5, 0.5))
                .add("low", scored("low", 0.0, 0.2))
                .add("high", scored("high", 1.0, 0.8));

        @Test
        @DisplayName("highest first when higher is better")
        void higherIsBetter() {
            MetricRanking ranking = configurations.rank(true);

            assertThat(ranking.metric()).isEqualTo("m");
            assertThat(ranking.higherIsBetter()).isTrue();
            assertThat(ranking.configurationIds()).containsExactly("high", "mid", "low");
        }

        @Test
        @DisplayName("lowest first when lower is better (latency, length)")
        void lowerIsBetter() {
            assertThat(configurations.rank(false).configurationIds()).containsExactly("low", "mid", "high");
        }

        @Test
        @DisplayName("equal means in the order the configurations were declared")
        void ties() {
            MetricRanking ranking = new Configurations()
                    .add("b", scored("b", 0.5)).add("c", scored("c", 0.5)).add("a", scored("a", 0.5)).rank(true);

            assertThat(ranking.configurationIds()).containsExactly("b", "c", "a");
        }

        @Test
        @DisplayName("leaving out configurations without a mean, and a metric they lack")
        void withoutMean() {
            Configurations withGaps = new Configurations()
                    .add("failed", scored("failed", (Double) null))
                    .add("ok", scored("ok", 0.5));
            withGaps.results.add(new ConfigurationResult("other", "other", Map.of(), List.of(), Map.of()));

            MetricRanking ranking = withGaps.rank(true);

            assertThat(ranking.configurationIds()).containsExactly("ok");
            assertThat(ranking.pValue()).isNull();
        }
    }

    @Nested
    @DisplayName("tests the best against the runner-up over shared rows")
    class Significance {

        @Test
        @DisplayName("5 rows all better by the same amount: exact p = 2/32")
        void allBetter() {
            MetricRanking ranking = new Configurations()
                    .add("a", scored("a", 0.9, 0.8, 0.7, 0.6, 0.5))
                    .add("b", scored("b", 0.4, 0.3, 0.2, 0.1, 0.0))
                    .rank(true);

            assertThat(ranking.pValue()).isEqualTo(0.0625);
        }

        @Test
        @DisplayName("identical configurations: p = 1")
        void identical() {
            MetricRanking ranking = new Configurations()
                    .add("a", scored("a", 0.9, 0.1, 0.5)).add("b", scored("b", 0.9, 0.1, 0.5)).rank(true);

            assertThat(ranking.pValue()).isEqualTo(1.0);
        }

        @Test
        @DisplayName("averages each row over its configuration's repeats before pairing (rows equal on average drop out)")
        void averagedOverRepeats() {
            // a's rows average to 0.5, 1, 1, 1, 1; b's are 0.5 throughout: differences 0, .5, .5, .5, .5 -> 2/16
            MetricRanking ranking = new Configurations()
                    .add("a", experiment("a", 0, rows("m", 1.0, 1.0, 1.0, 1.0, 1.0), "m"),
                            experiment("a", 1, rows("m", 0.0, 1.0, 1.0, 1.0, 1.0), "m"))
                    .add("b", scored("b", 0.5, 0.5, 0.5, 0.5, 0.5))
                    .rank(true);

            assertThat(ranking.configurationIds()).containsExactly("a", "b");
            assertThat(ranking.pValue()).isEqualTo(0.125);
        }

        @Test
        @DisplayName("pairs rows by id and ignores rows only one of them scored")
        void sharedRowsOnly() {
            // shared: q1 (+1), q3 (+1), q4 (+1); q2 failed in b, q5 only in a
            MetricRanking ranking = new Configurations()
                    .add("a", experiment("a", 0, List.of(row("q1", "m", 2), row("q2", "m", 9), row("q3", "m", 2),
                            row("q4", "m", 2), row("q5", "m", 2)), "m"))
                    .add("b", experiment("b", 0, List.of(row("q4", "m", 1), row("q3", "m", 1), row("q2", "m", null),
                            row("q1", "m", 1)), "m"))
                    .rank(true);

            assertThat(ranking.pValue()).isEqualTo(2.0 / 8);
        }

        @Test
        @DisplayName("is null when the two share no scored row")
        void noSharedRow() {
            MetricRanking ranking = new Configurations()
                    .add("a", experiment("a", 0, List.of(row("q1", "m", 1)), "m"))
                    .add("b", experiment("b", 0, List.of(row("q2", "m", 0)), "m"))
                    .rank(true);

            assertThat(ranking.configurationIds()).containsExactly("a", "b");
            assertThat(ranking.pValue()).isNull();
        }

        @Test
        @DisplayName("is null when a ranked configuration's repeats are not given")
        void repeatsMissing() {
            Configurations configurations = new Configurations().add("a", scored("a", 1.0)).add("b", scored("b", 0.0));
            configurations.repeats.remove("b");

            assertThat(configurations.rank(true).pValue()).isNull();
        }
    }
}
