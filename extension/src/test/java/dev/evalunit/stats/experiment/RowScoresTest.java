package dev.evalunit.stats.experiment;

import static dev.evalunit.stats.experiment.Experiments.experiment;
import static dev.evalunit.stats.experiment.Experiments.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RepeatStatistics;
import dev.evalunit.api.experiment.RowResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    @Nested
    @DisplayName("for several metrics")
    class SeveralMetrics {

        private static final List<String> METRICS = List.of("a", "b", "c", "d");

        private final List<Counted> lists = new ArrayList<>();

        /** Rows whose readings (iterations) are counted, as a run's experiments read theirs from files. */
        private final class Counted extends ExperimentResult.StoredRows {
            private final List<RowResult> rows;
            int readings;

            Counted(List<RowResult> rows) {
                this.rows = rows;
                lists.add(this);
            }

            @Override
            public RowResult get(int index) {
                return rows.get(index);
            }

            @Override
            public int size() {
                return rows.size();
            }

            @Override
            public Iterator<RowResult> iterator() {
                readings++;
                return rows.iterator();
            }
        }

        /**
         * Configuration {@code c}'s repeat {@code r}: metrics a, b, c and d, some rows failed or unscored; d has b's
         * scores, which configuration 1 has higher than configuration 0.
         */
        private ExperimentResult experiment(int c, int r, int repeats) {
            List<RowResult> rows = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                double b = ((i * 3 + r * 2) % 5) * 0.5 + c * 0.125;
                rows.add(row("q" + i, "a", (i + r) % 7 == 0 ? null : ((i * 5 + r + c * 3) % 8) * 0.25,
                        "b", b, "c", (i + c) % 9 == 0 ? null : ((i + r * c) % 4) * 1.0, "d", b));
            }
            ExperimentResult plain = Experiments.experiment("c" + c, r, rows, METRICS.toArray(String[]::new));
            return new ExperimentResult("set", plain.name(), c * repeats + r, plain.configurationId(), r, repeats,
                    plain.configuration(), METRICS, new Counted(rows), plain.metrics(), plain.reportDirectory());
        }

        private List<ExperimentResult> repeats(int c, int repeats) {
            List<ExperimentResult> experiments = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                experiments.add(experiment(c, r, repeats));
            }
            return experiments;
        }

        @Test
        @DisplayName("read each experiment's rows once for a configuration's statistics, with the figures of one metric at a time")
        void statisticsInOneReading() {
            List<ExperimentResult> repeats = repeats(0, 3);

            Map<String, RepeatStatistics> together = RepeatAggregation.of(METRICS, repeats);

            assertThat(lists).extracting(list -> list.readings).containsExactly(1, 1, 1);
            assertThat(together).containsOnlyKeys(METRICS);
            for (String metric : METRICS) {
                assertThat(together.get(metric)).isEqualTo(RepeatAggregation.of(metric, repeats));
            }
            assertThat(together.get("a").rowSpread()).isNotNull();
        }

        @Test
        @DisplayName("read no rows for the spread of a configuration run once: no row has two scores")
        void oneRepeatNotRead() {
            Map<String, RepeatStatistics> once = RepeatAggregation.of(METRICS, repeats(0, 1));

            assertThat(once.values()).allSatisfy(statistics -> assertThat(statistics.rowSpread()).isNull());
            assertThat(lists).extracting(list -> list.readings).containsExactly(0);
        }

        @Test
        @DisplayName("read the best and runner-up's rows once for every metric they lead, either way round, with the rankings of one metric at a time")
        void rankingsInOneReading() {
            Map<String, List<ExperimentResult>> repeats = Map.of("c0", repeats(0, 2), "c1", repeats(1, 2));
            List<ConfigurationResult> configurations = new ArrayList<>();
            for (String id : List.of("c0", "c1")) {
                configurations.add(new ConfigurationResult(id, id, Map.of(), List.of(),
                        RepeatAggregation.of(METRICS, repeats.get(id))));
            }
            lists.forEach(list -> list.readings = 0);
            Map<String, Boolean> directions = new LinkedHashMap<>();
            directions.put("a", true);
            directions.put("b", true);
            directions.put("c", false);
            directions.put("d", false);

            Map<String, MetricRanking> together = Rankings.rankAll(directions, configurations, repeats, 7);

            assertThat(lists).extracting(list -> list.readings).containsExactly(1, 1, 1, 1);
            assertThat(together.get("b").configurationIds()).containsExactly("c1", "c0");
            assertThat(together.get("d").configurationIds()).containsExactly("c0", "c1");
            assertThat(together.get("b").pValue()).isNotNull().isEqualTo(together.get("d").pValue());
            directions.forEach((metric, higher) -> assertThat(together.get(metric))
                    .isEqualTo(Rankings.rank(metric, higher, configurations, repeats, 7)));
        }

        @Test
        @DisplayName("are read in passes of at most 16 MB of scores, one metric a pass at the least")
        void passes() {
            List<String> metrics = METRICS;
            ExperimentResult small = experiment(0, 0, 1);

            assertThat(RowScores.passes(metrics, List.of(small, small))).containsExactly(metrics);
            // 100,000 rows of 6 experiments: 4.8 MB a metric, so 3 a pass.
            List<ExperimentResult> large = Collections.nCopies(6, new ExperimentResult("set", "x", 0, "x", 0, 1,
                    Map.of(), metrics, new Counted(Collections.nCopies(100_000, row("q", "a", 1))), Map.of(),
                    Path.of("reports")));
            assertThat(RowScores.passes(metrics, large)).containsExactly(List.of("a", "b", "c"), List.of("d"));
            assertThat(RowScores.passes(metrics, large.subList(0, 1)).get(0)).hasSize(4);
        }
    }
}
