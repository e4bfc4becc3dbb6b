package dev.evalunit.stats.experiment;

import static dev.evalunit.stats.experiment.Experiments.experiment;
import static dev.evalunit.stats.experiment.Experiments.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.RowResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A metric's scores by row")
class RowScoresTest {

    /** Row {@code i} of repeat {@code r} of configuration {@code c}: a quarter step, so every sum is exact; some rows fail or lack the metric. */
    private static List<RowResult> rows(int c, int r) {
        List<RowResult> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Object id = i % 7 == 3 ? (Object) (long) i : "q" + i; // some numeric ids too
            if ((i + r) % 11 == 0) {
                rows.add(row(id, "m", null));
            } else if ((i + c) % 13 == 0) {
                rows.add(row(id, "other", 1));
            } else {
                rows.add(row(id, "m", ((i * 7 + r * 3 + c * 5) % 9) * 0.25));
            }
        }
        return rows;
    }

    private static List<ExperimentResult> set(boolean lastRepeatReversed) {
        List<ExperimentResult> experiments = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            for (int r = 0; r < 3; r++) {
                List<RowResult> rows = rows(c, r);
                if (lastRepeatReversed && r == 2) {
                    rows = new ArrayList<>(rows);
                    Collections.reverse(rows);
                }
                experiments.add(experiment("c" + c, r, experiments.size(), rows, "m"));
            }
        }
        return experiments;
    }

    private static ExperimentSetResult aggregate(List<ExperimentResult> experiments) {
        return ExperimentSetAggregation.aggregateByDirection("set", "", experiments, Map.of("m", true), Map.of(),
                Path.of("reports"));
    }

    @Nested
    @DisplayName("when every experiment lists the same rows in the same order")
    class SameRows {

        @Test
        @DisplayName("are matched by position, and give the figures matching by row id gives, to the last bit")
        void sameFiguresAsById() {
            List<ExperimentResult> experiments = set(false);
            List<ExperimentResult> c0 = experiments.subList(0, 3);
            List<ExperimentResult> c1 = experiments.subList(3, 6);
            assertThat(RowScores.byPosition(experiments, "m")).isNotNull();

            // Rows unscored in a first repeat come later in the maps: the order of first score keeps their order.
            assertThat(RepeatAggregation.rowSpread("m", c0)).isNotNull()
                    .isEqualTo(RepeatAggregation.rowSpreadById("m", c0));
            assertThat(RepeatAggregation.rowSpread("m", c1)).isEqualTo(RepeatAggregation.rowSpreadById("m", c1));
            assertThat(Rankings.differences("m", c0, c1)).isNotEmpty()
                    .containsExactly(Rankings.differencesById("m", c0, c1));
            assertThat(Rankings.differences("m", c1, c0)).containsExactly(Rankings.differencesById("m", c1, c0));
        }

        @Test
        @DisplayName("give the set the figures it has when one repeat lists its rows in another order")
        void sameSetFiguresAsInAnotherOrder() {
            ExperimentSetResult byPosition = aggregate(set(false));
            ExperimentSetResult byId = aggregate(set(true));
            assertThat(RowScores.byPosition(set(true).subList(0, 3), "m")).isNull();

            assertThat(byPosition.rankings()).isEqualTo(byId.rankings());
            assertThat(byPosition.configurations()).usingRecursiveComparison()
                    .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-12 ? 0 : Double.compare(a, b), Double.class)
                    .isEqualTo(byId.configurations());
        }

        @Test
        @DisplayName("hold NaN where a row has no score, and nothing else")
        void positions() {
            List<ExperimentResult> two = List.of(
                    experiment("c", 0, List.of(row("a", "m", 1), row(7, "m", null), row("b", "x", 2)), "m"),
                    experiment("c", 1, List.of(row("a", "m", 3), row(7.0, "m", 0.5), row("b", "m", 2)), "m"));

            double[][] scores = RowScores.byPosition(two, "m");

            assertThat(scores[0]).containsExactly(1, Double.NaN, Double.NaN);
            assertThat(scores[1]).containsExactly(3, 0.5, 2);
            assertThat(RowScores.at(scores, 1)).containsExactly(0.5);
        }
    }

    @Nested
    @DisplayName("when the experiments' rows differ")
    class DifferentRows {

        @Test
        @DisplayName("in their ids or their number: no positions, rows are matched by id")
        void noPositions() {
            ExperimentResult ab = experiment("c", 0, List.of(row("a", "m", 1), row("b", "m", 2)), "m");
            ExperimentResult ba = experiment("c", 1, List.of(row("b", "m", 1), row("a", "m", 2)), "m");
            ExperimentResult a = experiment("c", 2, List.of(row("a", "m", 1)), "m");

            assertThat(RowScores.byPosition(List.of(ab, ba), "m")).isNull();
            assertThat(RowScores.byPosition(List.of(ab, a), "m")).isNull();
            assertThat(RowScores.byPosition(List.of(ab), "m")).isNotNull();
        }
    }
}
