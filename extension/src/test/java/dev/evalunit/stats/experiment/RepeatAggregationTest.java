package dev.evalunit.stats.experiment;

import static dev.evalunit.stats.experiment.Experiments.experiment;
import static dev.evalunit.stats.experiment.Experiments.row;
import static dev.evalunit.stats.experiment.Experiments.rows;
import static dev.evalunit.stats.experiment.Experiments.withoutSummaries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.evalunit.api.experiment.RepeatStatistics;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A configuration's statistics across repeats")
class RepeatAggregationTest {

    private static final Offset<Double> CLOSE = within(1e-9);
    private static final double T_975_1 = 12.7062047362;
    private static final double T_975_2 = 4.3026527297;

    @Nested
    @DisplayName("over the run means")
    class RunMeans {

        @Test
        @DisplayName("with 2 runs (means 0.5 and 0.7): mean 0.6, sd √0.02, CI 0.6 ± t(0.975, 1) · 0.1")
        void twoRuns() {
            RepeatStatistics statistics = RepeatAggregation.of("m", List.of(
                    experiment("c", 0, rows("m", 0.0, 1.0)), experiment("c", 1, rows("m", 0.4, 1.0))));

            assertThat(statistics.runs()).isEqualTo(2);
            assertThat(statistics.mean()).isCloseTo(0.6, CLOSE);
            assertThat(statistics.standardDeviation()).isCloseTo(Math.sqrt(0.02), CLOSE);
            // sd / √runs = √0.02 / √2 = 0.1
            assertThat(statistics.ciLow()).isCloseTo(0.6 - T_975_1 * 0.1, CLOSE);
            assertThat(statistics.ciHigh()).isCloseTo(0.6 + T_975_1 * 0.1, CLOSE);
        }

        @Test
        @DisplayName("with 3 runs (means 1, 2, 3): mean 2, sd 1, CI 2 ± t(0.975, 2) / √3")
        void threeRuns() {
            RepeatStatistics statistics = RepeatAggregation.of("m", List.of(
                    experiment("c", 0, rows("m", 1.0)), experiment("c", 1, rows("m", 2.0)),
                    experiment("c", 2, rows("m", 3.0))));

            assertThat(statistics.runs()).isEqualTo(3);
            assertThat(statistics.mean()).isCloseTo(2.0, CLOSE);
            assertThat(statistics.standardDeviation()).isCloseTo(1.0, CLOSE);
            assertThat(statistics.ciLow()).isCloseTo(2 - T_975_2 / Math.sqrt(3), CLOSE);
            assertThat(statistics.ciHigh()).isCloseTo(2 + T_975_2 / Math.sqrt(3), CLOSE);
        }

        @Test
        @DisplayName("with identical runs: sd 0 and an interval of width 0")
        void identicalRuns() {
            RepeatStatistics statistics = RepeatAggregation.of("m", List.of(
                    experiment("c", 0, rows("m", 0.5)), experiment("c", 1, rows("m", 0.5))));

            assertThat(statistics.standardDeviation()).isEqualTo(0.0);
            assertThat(statistics.ciLow()).isEqualTo(0.5);
            assertThat(statistics.ciHigh()).isEqualTo(0.5);
        }

        @Test
        @DisplayName("with 1 run: the mean, but no sd and no interval (null, not NaN)")
        void oneRun() {
            RepeatStatistics statistics = RepeatAggregation.of("m", List.of(experiment("c", 0, rows("m", 0.25, 0.75))));

            assertThat(statistics).isEqualTo(new RepeatStatistics("m", 1, 0.5, null, null, null, null, 0.0));
        }

        @Test
        @DisplayName("leave out a repeat in which no row has a score: it is not a run")
        void repeatWithoutScoresIsNoRun() {
            RepeatStatistics statistics = RepeatAggregation.of("m", List.of(
                    experiment("c", 0, rows("m", 1.0)), experiment("c", 1, rows("m", (Double) null)),
                    experiment("c", 2, rows("m", 3.0))));

            assertThat(statistics.runs()).isEqualTo(2);
            assertThat(statistics.mean()).isCloseTo(2.0, CLOSE);
            assertThat(statistics.standardDeviation()).isCloseTo(Math.sqrt(2), CLOSE);
        }

        @Test
        @DisplayName("summarize a repeat from its rows when it carries no summary of the metric")
        void summaryFromRows() {
            RepeatStatistics statistics = RepeatAggregation.of("m", List.of(
                    withoutSummaries(experiment("c", 0, rows("m", 1.0, null))),
                    withoutSummaries(experiment("c", 1, rows("m", 3.0, 3.0)))));

            assertThat(statistics.runs()).isEqualTo(2);
            assertThat(statistics.mean()).isCloseTo(2.0, CLOSE);
            assertThat(statistics.failureRate()).isEqualTo(0.25);
        }

        @Test
        @DisplayName("are all null, with 0 runs, without repeats")
        void noRepeats() {
            assertThat(RepeatAggregation.of("m", List.of()))
                    .isEqualTo(new RepeatStatistics("m", 0, null, null, null, null, null, null));
        }
    }

    @Nested
    @DisplayName("the row spread")
    class RowSpread {

        @Test
        @DisplayName("is the mean of per-row sds over the rows scored in at least 2 repeats")
        void missingRows() {
            // q1: 1, 0, 1 -> sd √(1/3); q2: 0, 0 (failed in the third) -> sd 0; q3: scored once -> left out.
            RepeatStatistics statistics = RepeatAggregation.of("m", List.of(
                    experiment("c", 0, List.of(row("q1", "m", 1), row("q2", "m", 0), row("q3", "m", 1))),
                    experiment("c", 1, List.of(row("q1", "m", 0), row("q2", "m", 0), row("q3", "m", null))),
                    experiment("c", 2, List.of(row("q1", "m", 1), row("q2", "m", null)))));

            assertThat(statistics.rowSpread()).isCloseTo(Math.sqrt(1.0 / 3) / 2, CLOSE);
        }

        @Test
        @DisplayName("matches rows by row id, not by position, and numeric ids by value")
        void matchedById() {
            RepeatStatistics statistics = RepeatAggregation.of("m", List.of(
                    experiment("c", 0, List.of(row(1, "m", 0.0), row(2, "m", 4.0))),
                    experiment("c", 1, List.of(row(2L, "m", 4.0), row(1.0, "m", 2.0)))));

            // row 1: 0 and 2 -> sd √2; row 2: 4 and 4 -> sd 0
            assertThat(statistics.rowSpread()).isCloseTo(Math.sqrt(2) / 2, CLOSE);
        }

        @Test
        @DisplayName("is null when no row is scored in 2 repeats")
        void noRowTwice() {
            RepeatStatistics statistics = RepeatAggregation.of("m", List.of(
                    experiment("c", 0, List.of(row("q1", "m", 1))), experiment("c", 1, List.of(row("q2", "m", 1)))));

            assertThat(statistics.runs()).isEqualTo(2);
            assertThat(statistics.rowSpread()).isNull();
        }
    }

    @Test
    @DisplayName("has a failure rate over all observations of all repeats, a missing observation counted as failed")
    void failureRate() {
        // 3 + 2 rows, failures: 1 failed + 1 without observation
        RepeatStatistics statistics = RepeatAggregation.of("m", List.of(
                experiment("c", 0, List.of(row("q1", "m", 1), row("q2", "m", null), row("q3", "m", 1))),
                experiment("c", 1, List.of(row("q1", "m", 1), row("q2")))));

        assertThat(statistics.failureRate()).isEqualTo(2.0 / 5);
    }
}
