package dev.evalunit.assertj;

import static dev.evalunit.assertj.EvalAssertions.assertThat;
import static dev.evalunit.assertj.EvalAssertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.api.experiment.RepeatStatistics;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.assertj.ExperimentSetResultAssert.RepeatStatisticsAssert;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("experiment assertions")
class ExperimentAssertionsTest {

    private static final Path SET_DIRECTORY = Path.of("target", "evalunit", "comparison");

    private static Map<String, Object> configuration(String model, double temperature) {
        return Map.of("model", Map.of("name", model, "sampling_params", Map.of("temperature", temperature)));
    }

    private static ExperimentResult experiment(String name, int repeatIndex, Map<String, Object> configuration,
                                               Map<String, MetricSummary> metrics, Path directory) {
        List<RowResult> rows = IntStream.rangeClosed(1, 3).mapToObj(i -> new RowResult("q" + i,
                Generation.preGenerated("answer"), Map.of("output_length", MetricObservation.of(1)))).toList();
        return new ExperimentResult("comparison", name, repeatIndex, "c" + name, repeatIndex, 3, configuration,
                List.copyOf(metrics.keySet()), rows, metrics, directory);
    }

    private static Map<String, MetricSummary> summaries(MetricSummary... summaries) {
        Map<String, MetricSummary> map = new LinkedHashMap<>();
        for (MetricSummary summary : summaries) {
            map.put(summary.metric(), summary);
        }
        return map;
    }

    /** Run 1 of 3 of model m1 over 3 rows: judge_precision scored on 2 of them, faithfulness on none. */
    private static final ExperimentResult EXPERIMENT = experiment("comparison__0", 0, configuration("m1", 0.2),
            summaries(new MetricSummary("judge_precision", 0.5, 2, 1), new MetricSummary("output_length", 12.0, 3, 0),
                    new MetricSummary("faithfulness", null, 0, 3)),
            SET_DIRECTORY.resolve("comparison__0"));
    private static final String EXPERIMENT_CONTEXT = "; experiment [comparison__0] (model [m1], run 1/3) over 3 rows;"
            + " observations: " + SET_DIRECTORY.resolve("comparison__0").resolve("observations.jsonl");

    private static final String LOW = "model=m1, temperature=0.2";
    private static final String HIGH = "model=m1, temperature=0.8";
    private static final String OTHER = "model=m2";

    /** Each figure its own value, so that an accessor reading the wrong one is caught. */
    private static final RepeatStatistics HIGH_PRECISION = new RepeatStatistics("judge_precision", 2, 0.9, 0.0707,
            0.2647, 1.5353, 0.125, 0.0417);

    private static ExperimentSetResult set(Path directory) {
        List<ConfigurationResult> configurations = List.of(
                new ConfigurationResult("c-low", LOW, configuration("m1", 0.2), List.of("comparison__0", "comparison__1"),
                        Map.of("judge_precision", new RepeatStatistics("judge_precision", 2, 0.7, 0.1, 0.5, 0.9, 0.2, 0.0))),
                new ConfigurationResult("c-high", HIGH, configuration("m1", 0.8), List.of("comparison__2", "comparison__3"),
                        statistics(HIGH_PRECISION, new RepeatStatistics("output_length", 2, null, null, null, null, null, 1.0))),
                new ConfigurationResult("c-other", OTHER, Map.of("model", Map.of("name", "m2")),
                        List.of("comparison__4", "comparison__5"), statistics(
                        new RepeatStatistics("judge_precision", 1, 0.4, null, null, null, null, 0.5),
                        new RepeatStatistics("output_length", 1, 9.0, null, null, null, null, 0.5))));
        Map<String, MetricRanking> rankings = new LinkedHashMap<>();
        rankings.put("judge_precision", new MetricRanking("judge_precision", true, List.of("c-high", "c-low", "c-other"), 0.0312));
        rankings.put("output_length", new MetricRanking("output_length", false, List.of("c-other"), null));
        rankings.put("generation_time", new MetricRanking("generation_time", false, List.of(), null));
        List<ExperimentResult> experiments = IntStream.range(0, 6).mapToObj(i -> experiment("comparison__" + i, i % 2,
                configuration("m1", 0.2), summaries(new MetricSummary("judge_precision", 0.5, 2, 1)), null)).toList();
        return new ExperimentSetResult("comparison", "", experiments, configurations, rankings, directory);
    }

    private static Map<String, RepeatStatistics> statistics(RepeatStatistics... statistics) {
        Map<String, RepeatStatistics> map = new LinkedHashMap<>();
        for (RepeatStatistics s : statistics) {
            map.put(s.metric(), s);
        }
        return map;
    }

    private static final ExperimentSetResult SET = set(SET_DIRECTORY);
    private static final String SET_CONTEXT = "; experiment set [comparison] of 6 experiments in 3 configurations; summary: "
            + SET_DIRECTORY.resolve("set-summary.json");

    @Nested
    @DisplayName("on one experiment")
    class OnOneExperiment {

        @Test
        @DisplayName("metric(...) of a metric the experiment does not measure fails, listing those it does")
        void unmeasured() {
            assertThatThrownBy(() -> assertThat(EXPERIMENT).metric("judge_relevant"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("Expected [judge_relevant] to be measured, but the experiment measures [judge_precision,"
                            + " output_length, faithfulness]" + EXPERIMENT_CONTEXT);
        }

        @Test
        @DisplayName("mean() names the metric, its mean, the threshold, the run and the observations file")
        void mean() {
            assertThatThrownBy(() -> assertThat(EXPERIMENT).metric("judge_precision").mean().isGreaterThan(0.7))
                    .hasMessage("Expected judge_precision mean to be greater than 0.7, but was 0.5" + EXPERIMENT_CONTEXT);
        }

        @Test
        @DisplayName("support() is the number of rows with a score")
        void support() {
            assertThatThrownBy(() -> assertThat(EXPERIMENT).metric("judge_precision").support().isGreaterThanOrEqualTo(3))
                    .hasMessage("Expected judge_precision support to be greater than or equal to 3, but was 2"
                            + EXPERIMENT_CONTEXT);
        }

        @Test
        @DisplayName("failureRate() is the share of rows without a score")
        void failureRate() {
            assertThatThrownBy(() -> assertThat(EXPERIMENT).metric("judge_precision").failureRate().isLessThanOrEqualTo(0.2))
                    .hasMessage("Expected judge_precision failure_rate to be less than or equal to 0.2, but was 0.3333"
                            + EXPERIMENT_CONTEXT);
        }

        @Test
        @DisplayName("a mean that no row gave fails every comparison, saying it is null")
        void nullMean() {
            assertThatThrownBy(() -> assertThat(EXPERIMENT).metric("faithfulness").mean().isLessThan(100))
                    .hasMessage("Expected faithfulness mean to be less than 100, but was null (no row has a score)"
                            + EXPERIMENT_CONTEXT);
        }

        @Test
        @DisplayName("passing comparisons chain")
        void passing() {
            assertThat(EXPERIMENT).metric("judge_precision").mean().isBetween(0.5, 0.5).isLessThan(0.6);
            assertThat(EXPERIMENT).metric("output_length").support().isGreaterThanOrEqualTo(3);
            assertThat(EXPERIMENT).metric("output_length").failureRate().isLessThanOrEqualTo(0);
        }

        @Test
        @DisplayName("the description given to the experiment is kept")
        void description() {
            assertThatThrownBy(() -> assertThat(EXPERIMENT).as("release gate").metric("judge_precision").mean().isGreaterThan(0.7))
                    .hasMessage("[release gate] Expected judge_precision mean to be greater than 0.7, but was 0.5"
                            + EXPERIMENT_CONTEXT);
            assertThatThrownBy(() -> assertThat(EXPERIMENT).as("release gate").metric("judge_relevant"))
                    .hasMessageStartingWith("[release gate] Expected [judge_relevant] to be measured");
        }

        @Test
        @DisplayName("without a report directory, the observations file is left out")
        void withoutDirectory() {
            ExperimentResult experiment = experiment("solo", 0, configuration("m1", 0.2),
                    summaries(new MetricSummary("output_length", 12.0, 1, 0)), null);

            assertThatThrownBy(() -> assertThat(experiment).metric("output_length").mean().isLessThan(10))
                    .hasMessage("Expected output_length mean to be less than 10, but was 12; experiment [solo] (model [m1],"
                            + " run 1/3) over 3 rows");
        }
    }

    @Nested
    @DisplayName("best(...)")
    class Best {

        @Test
        @DisplayName("of a metric the set does not measure fails, listing those it does")
        void unmeasured() {
            assertThatThrownBy(() -> assertThat(SET).best("faithfulness"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("Expected [faithfulness] to be measured, but the set measures [judge_precision,"
                            + " output_length, generation_time]" + SET_CONTEXT);
        }

        @Test
        @DisplayName("of a metric no configuration has a mean for fails, saying so")
        void noneRanked() {
            assertThatThrownBy(() -> assertThat(SET).best("generation_time"))
                    .hasMessage("Expected a best configuration on [generation_time], but no configuration has a mean for"
                            + " it (no row was scored)" + SET_CONTEXT);
        }

        @Test
        @DisplayName("is the first of the ranking")
        void first() {
            assertThat(SET).best("judge_precision").hasModel("m1").statistic("judge_precision").mean().isBetween(0.9, 0.9);
            assertThat(SET).best("output_length").hasModel("m2");
        }

        @Test
        @DisplayName("hasModel names the expected and the actual model and the configuration")
        void hasModel() {
            assertThatThrownBy(() -> assertThat(SET).best("judge_precision").hasModel("m2"))
                    .hasMessage("Expected the best configuration on [judge_precision] to have model [m2], but its model"
                            + " is [m1] (configuration [" + HIGH + "])" + SET_CONTEXT);
        }

        @Test
        @DisplayName("the description given to the set is kept down to the figure")
        void description() {
            assertThatThrownBy(() -> assertThat(SET).as("release gate").best("judge_precision")
                    .statistic("judge_precision").ciLow().isGreaterThan(0.5))
                    .hasMessageStartingWith("[release gate] Expected judge_precision ci_low to be greater than 0.5");
            assertThatThrownBy(() -> assertThat(SET).as("release gate").best("judge_precision").hasModel("m2"))
                    .hasMessageStartingWith("[release gate] Expected the best configuration");
        }
    }

    @Nested
    @DisplayName("configurationWithModel(...)")
    class WithModel {

        @Test
        @DisplayName("fails when no configuration has the model, listing the configurations")
        void none() {
            assertThatThrownBy(() -> assertThat(SET).configurationWithModel("m3"))
                    .hasMessage("Expected one configuration with model [m3], but found none among [" + LOW + "], ["
                            + HIGH + "], [" + OTHER + "]" + SET_CONTEXT);
        }

        @Test
        @DisplayName("fails when several configurations have the model, listing them")
        void several() {
            assertThatThrownBy(() -> assertThat(SET).configurationWithModel("m1"))
                    .hasMessage("Expected one configuration with model [m1], but found 2: [" + LOW + "], [" + HIGH + "]"
                            + SET_CONTEXT);
        }

        @Test
        @DisplayName("statistic(...) of a metric the configuration does not measure fails, listing those it does")
        void unmeasured() {
            assertThatThrownBy(() -> assertThat(SET).configurationWithModel("m2").statistic("faithfulness"))
                    .hasMessage("Expected [faithfulness] to be measured, but the configuration with model [m2] measures"
                            + " [judge_precision, output_length]" + SET_CONTEXT);
        }
    }

    @Nested
    @DisplayName("statistic(...)")
    class Statistic {

        private static final String HIGH_CONTEXT = "; configuration [" + HIGH + "], scored in 2 of 2 runs" + SET_CONTEXT;

        static Stream<Arguments> figures() {
            return Stream.of(
                    figure("mean", RepeatStatisticsAssert::mean, "mean", "0.9"),
                    figure("standardDeviation", RepeatStatisticsAssert::standardDeviation, "standard_deviation", "0.0707"),
                    figure("ciLow", RepeatStatisticsAssert::ciLow, "ci_low", "0.2647"),
                    figure("ciHigh", RepeatStatisticsAssert::ciHigh, "ci_high", "1.5353"),
                    figure("rowSpread", RepeatStatisticsAssert::rowSpread, "row_spread", "0.125"),
                    figure("failureRate", RepeatStatisticsAssert::failureRate, "failure_rate", "0.0417"));
        }

        private static Arguments figure(String method, Function<RepeatStatisticsAssert, StatisticAssert> accessor,
                                        String name, String value) {
            return arguments(named(method, accessor), name, value);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("figures")
        @DisplayName("names the figure as the set summary does, its value, the configuration and its runs")
        void figure(Function<RepeatStatisticsAssert, StatisticAssert> figure, String name, String value) {
            assertThatThrownBy(() -> figure.apply(assertThat(SET).best("judge_precision").statistic("judge_precision"))
                    .isGreaterThan(2))
                    .hasMessage("Expected judge_precision " + name + " to be greater than 2, but was " + value + HIGH_CONTEXT);
        }

        @Test
        @DisplayName("a figure that needs two runs is null with one, and says how many runs had a score")
        void oneRun() {
            assertThatThrownBy(() -> assertThat(SET).configurationWithModel("m2").statistic("judge_precision")
                    .standardDeviation().isLessThan(0.1))
                    .hasMessage("Expected judge_precision standard_deviation to be less than 0.1, but was null (it"
                            + " needs 2 runs with a score); configuration [" + OTHER + "], scored in 1 of 2 runs" + SET_CONTEXT);
        }
    }

    @Nested
    @DisplayName("pValue(...)")
    class PValue {

        @Test
        @DisplayName("names the best and the runner-up it compares")
        void compared() {
            assertThatThrownBy(() -> assertThat(SET).pValue("judge_precision").isLessThan(0.01))
                    .hasMessage("Expected judge_precision p_value (best [" + HIGH + "] vs runner-up [" + LOW + "]) to be"
                            + " less than 0.01, but was 0.0312" + SET_CONTEXT);
            assertThat(SET).pValue("judge_precision").isLessThan(0.05);
        }

        @Test
        @DisplayName("says when there is no runner-up to compare with")
        void noRunnerUp() {
            assertThatThrownBy(() -> assertThat(SET).pValue("output_length").isLessThan(0.05))
                    .hasMessage("Expected output_length p_value (best vs runner-up, but only 1 configuration is ranked) to"
                            + " be less than 0.05, but was null (it needs two ranked configurations with rows scored in both)"
                            + SET_CONTEXT);
            assertThatThrownBy(() -> assertThat(SET).pValue("generation_time").isLessThan(0.05))
                    .hasMessageStartingWith("Expected generation_time p_value (best vs runner-up, but no configuration is"
                            + " ranked) to be less than 0.05");
        }

        @Test
        @DisplayName("of a metric the set does not measure fails, listing those it does")
        void unmeasured() {
            assertThatThrownBy(() -> assertThat(SET).pValue("faithfulness"))
                    .hasMessage("Expected [faithfulness] to be measured, but the set measures [judge_precision,"
                            + " output_length, generation_time]" + SET_CONTEXT);
        }

        @Test
        @DisplayName("without a report directory, the summary file is left out")
        void withoutDirectory() {
            assertThatThrownBy(() -> assertThat(set(null)).pValue("judge_precision").isLessThan(0.01))
                    .hasMessageEndingWith("but was 0.0312; experiment set [comparison] of 6 experiments in 3 configurations");
        }
    }
}
