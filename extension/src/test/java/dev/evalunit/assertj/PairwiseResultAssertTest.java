package dev.evalunit.assertj;

import static dev.evalunit.assertj.EvalAssertions.assertThat;
import static dev.evalunit.assertj.EvalAssertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("PairwiseResultAssert")
class PairwiseResultAssertTest {

    private static final Path REPORTS = Path.of("target", "evalunit", "qa");
    private static final String CONTEXT = "; evaluation [qa] over 5 examples (1 error); judgments: "
            + REPORTS.resolve("judgments.jsonl");
    private static final String HTTP_500 = "model A [candidate] failed: model [candidate]: HTTP 500 after 1 attempt";

    /** Each human figure has its own value, so that an accessor reading the wrong one is caught. */
    private static final HumanAlignment HUMAN = new HumanAlignment(3, 0.6, 0.4, 1, 1, 0, 1,
            1.0 / 3, 0.5, 0.55, 0.6, -0.25, 0.65, 0.7, 0.8, 0.85, 0.9);

    /** Five examples, one an error: A wins 3 of 4, ties 1; no example has both positions. */
    private static PairwiseResult result(HumanAlignment human, Path reports) {
        PairwiseMetrics metrics = new PairwiseMetrics(5, 1, 0.75, 0.0, 0.25, 0.3006, 0.9544, null, human);
        List<Judgment> judgments = List.of(
                judgment("q1", Choice.MODEL_A, 1.0, "A is grounded"),
                judgment("q2", Choice.ERROR, null, HTTP_500),
                judgment("q3", Choice.TIE, 0.5, "the answers are alike"));
        return new PairwiseResult("qa", "question_answering", List.of("id"), human == null ? null : "human",
                judgments, metrics, reports);
    }

    private static Judgment judgment(String id, Choice choice, Double confidence, String explanation) {
        return new Judgment(Map.of("id", id), "instruction", "context", "a", "b", choice, confidence, explanation,
                List.of(), null);
    }

    private static final PairwiseResult RESULT = result(HUMAN, REPORTS);
    private static final PairwiseResult WITHOUT_HUMANS = result(null, REPORTS);

    @Nested
    @DisplayName("a failed comparison names the statistic, its value, the expectation, the example count and the judgments file")
    class FailedComparisons {

        @Test
        @DisplayName("isGreaterThan is strict")
        void greaterThan() {
            assertThatThrownBy(() -> assertThat(RESULT).modelAWinRate().isGreaterThan(0.75))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("Expected autosxs_model_a_win_rate to be greater than 0.75, but was 0.75" + CONTEXT);
        }

        @Test
        @DisplayName("isGreaterThanOrEqualTo")
        void greaterThanOrEqualTo() {
            assertThatThrownBy(() -> assertThat(RESULT).modelAWinRate().isGreaterThanOrEqualTo(0.8))
                    .hasMessage("Expected autosxs_model_a_win_rate to be greater than or equal to 0.8, but was 0.75" + CONTEXT);
        }

        @Test
        @DisplayName("isLessThan is strict")
        void lessThan() {
            assertThatThrownBy(() -> assertThat(RESULT).tieRate().isLessThan(0.25))
                    .hasMessage("Expected tie_rate to be less than 0.25, but was 0.25" + CONTEXT);
        }

        @Test
        @DisplayName("isLessThanOrEqualTo")
        void lessThanOrEqualTo() {
            assertThatThrownBy(() -> assertThat(RESULT).tieRate().isLessThanOrEqualTo(0.2))
                    .hasMessage("Expected tie_rate to be less than or equal to 0.2, but was 0.25" + CONTEXT);
        }

        @Test
        @DisplayName("isBetween, both ends included")
        void between() {
            assertThatThrownBy(() -> assertThat(RESULT).modelAWinRateCiLow().isBetween(0.5, 1))
                    .hasMessage("Expected autosxs_model_a_win_rate_ci_low to be between 0.5 and 1, but was 0.3006" + CONTEXT);
        }

        @Test
        @DisplayName("isComputed, for a figure whose denominator is empty")
        void computed() {
            assertThatThrownBy(() -> assertThat(RESULT).positionConsistency().isComputed())
                    .hasMessage("Expected position_consistency to be computed, but it is null (its denominator is empty)"
                            + CONTEXT);
        }

        @Test
        @DisplayName("errorCount, as a count")
        void errorCount() {
            assertThatThrownBy(() -> assertThat(RESULT).errorCount().isLessThanOrEqualTo(0))
                    .hasMessage("Expected error_count to be less than or equal to 0, but was 1" + CONTEXT);
        }

        @Test
        @DisplayName("with the description given to the result")
        void description() {
            assertThatThrownBy(() -> assertThat(RESULT).as("release gate").modelBWinRate().isGreaterThan(0.5))
                    .hasMessage("[release gate] Expected autosxs_model_b_win_rate to be greater than 0.5, but was 0" + CONTEXT);
        }

        @Test
        @DisplayName("without a judgments file when the result has no report directory, in the singular for one")
        void noReportDirectory() {
            PairwiseResult single = new PairwiseResult("qa", "question_answering", List.of(), null, List.of(),
                    new PairwiseMetrics(1, 0, 0.0, 1.0, 0.0, 0.0, 0.7935, null, null), null);

            assertThatThrownBy(() -> assertThat(single).modelAWinRate().isGreaterThan(0.5))
                    .hasMessage("Expected autosxs_model_a_win_rate to be greater than 0.5, but was 0;"
                            + " evaluation [qa] over 1 example (0 errors)");
        }
    }

    @Nested
    @DisplayName("a figure that could not be computed (null)")
    class NullFigure {

        static Stream<Arguments> comparisons() {
            return Stream.of(
                    arguments(named("isGreaterThan", (Function<StatisticAssert, ?>) s -> s.isGreaterThan(0)), "greater than 0"),
                    arguments(named("isGreaterThanOrEqualTo", (Function<StatisticAssert, ?>) s -> s.isGreaterThanOrEqualTo(0)),
                            "greater than or equal to 0"),
                    arguments(named("isLessThan", (Function<StatisticAssert, ?>) s -> s.isLessThan(1)), "less than 1"),
                    arguments(named("isLessThanOrEqualTo", (Function<StatisticAssert, ?>) s -> s.isLessThanOrEqualTo(1)),
                            "less than or equal to 1"),
                    arguments(named("isBetween", (Function<StatisticAssert, ?>) s -> s.isBetween(0, 1)), "between 0 and 1"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("comparisons")
        @DisplayName("fails every comparison, saying why it is null")
        void failsEveryComparison(Function<StatisticAssert, ?> comparison, String expectation) {
            assertThatThrownBy(() -> comparison.apply(assertThat(RESULT).positionConsistency()))
                    .hasMessage("Expected position_consistency to be " + expectation
                            + ", but was null (its denominator is empty)" + CONTEXT);
        }
    }

    @Nested
    @DisplayName("human figures")
    class HumanFigures {

        static Stream<Arguments> figures() {
            return Stream.of(
                    figure("accuracy", PairwiseResultAssert::accuracy, "0.3333"),
                    figure("precision", PairwiseResultAssert::precision, "0.5"),
                    figure("recall", PairwiseResultAssert::recall, "0.55"),
                    figure("f1", PairwiseResultAssert::f1, "0.6"),
                    figure("cohens_kappa", PairwiseResultAssert::cohensKappa, "-0.25"),
                    figure("three_class_accuracy", PairwiseResultAssert::threeClassAccuracy, "0.65"),
                    figure("macro_precision", PairwiseResultAssert::macroPrecision, "0.7"),
                    figure("macro_recall", PairwiseResultAssert::macroRecall, "0.8"),
                    figure("macro_f1", PairwiseResultAssert::macroF1, "0.85"),
                    figure("three_class_cohens_kappa", PairwiseResultAssert::threeClassCohensKappa, "0.9"));
        }

        private static Arguments figure(String name, Function<PairwiseResultAssert, StatisticAssert> accessor, String value) {
            return arguments(named(name, accessor), value);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("figures")
        @DisplayName("each reads its own figure")
        void readsItsFigure(Function<PairwiseResultAssert, StatisticAssert> figure, String value, TestInfo info) {
            String name = info.getDisplayName();

            assertThatThrownBy(() -> figure.apply(assertThat(RESULT)).isGreaterThan(1))
                    .hasMessage("Expected " + name + " to be greater than 1, but was " + value + CONTEXT);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("figures")
        @DisplayName("fail without a human preference column, saying how to add one")
        void withoutHumans(Function<PairwiseResultAssert, StatisticAssert> figure, String value, TestInfo info) {
            assertThatThrownBy(() -> figure.apply(assertThat(WITHOUT_HUMANS)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("Expected " + info.getDisplayName() + ", but evaluation [qa] has no human preference column:"
                            + " set humanPreferenceColumn on @PairwiseEval");
        }
    }

    @Nested
    @DisplayName("hasNoErrors")
    class HasNoErrors {

        @Test
        @DisplayName("fails with the number of errors and the first one's id and reason")
        void fails() {
            assertThatThrownBy(() -> assertThat(RESULT).hasNoErrors())
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("Expected no Error judgments, but found 1; first [id=q2]: " + HTTP_500 + CONTEXT);
        }

        @Test
        @DisplayName("passes, and chains, when no judgment is an error")
        void passes() {
            PairwiseResult clean = new PairwiseResult("qa", "question_answering", List.of("id"), null,
                    List.of(judgment("q1", Choice.MODEL_A, 1.0, "A is grounded")),
                    new PairwiseMetrics(1, 0, 1.0, 0.0, 0.0, 0.2065, 1.0, null, null), REPORTS);

            PairwiseResultAssert assertion = assertThat(clean);

            assertThat(assertion.hasNoErrors()).isSameAs(assertion);
            assertion.hasNoErrors().modelAWinRate().isGreaterThan(0.5);
        }
    }

    @Nested
    @DisplayName("numbers in messages")
    class Numbers {

        @ParameterizedTest(name = "{0} is shown as {1}")
        @CsvSource({
                "0.5, 0.5",
                "0.75, 0.75",
                "1.0, 1",
                "0.0, 0",
                "0.333333333, 0.3333",
                "0.666666666, 0.6667",
                "-0.25, -0.25",
                "0.30000000000000004, 0.3",
                "0.00001234, 0.00001234",
                "12.0, 12"})
        @DisplayName("show whole numbers without decimals and others with at most four, never rounding to a false zero")
        void format(double value, String shown) {
            PairwiseResult result = new PairwiseResult("qa", "question_answering", List.of("id"), null, List.of(),
                    new PairwiseMetrics(5, 1, value, 0.0, 0.25, 0.3006, 0.9544, null, null), REPORTS);

            assertThatThrownBy(() -> assertThat(result).modelAWinRate().isGreaterThan(value))
                    .hasMessage("Expected autosxs_model_a_win_rate to be greater than " + shown + ", but was " + shown + CONTEXT);
        }

        @Test
        @DisplayName("a third is shown as 0.3333 against a threshold of 0.5")
        void third() {
            PairwiseResult result = new PairwiseResult("qa", "question_answering", List.of("id"), "human", List.of(),
                    new PairwiseMetrics(5, 1, 0.75, 0.0, 0.25, 0.3006, 0.9544, null, HUMAN), REPORTS);

            assertThatThrownBy(() -> assertThat(result).accuracy().isGreaterThanOrEqualTo(0.5))
                    .hasMessage("Expected accuracy to be greater than or equal to 0.5, but was 0.3333" + CONTEXT);
        }
    }

    @Nested
    @DisplayName("passing assertions")
    class Passing {

        @Test
        @DisplayName("return normally and chain, with boundaries included where the name says so")
        void chain() {
            StatisticAssert winRate = assertThat(RESULT).modelAWinRate();

            assertThat(winRate.isGreaterThan(0.5)).isSameAs(winRate);
            winRate.isGreaterThanOrEqualTo(0.75)
                    .isLessThan(0.76)
                    .isLessThanOrEqualTo(0.75)
                    .isBetween(0.75, 0.75)
                    .isComputed();
            assertThat(RESULT).cohensKappa().isBetween(-1, 0).isLessThan(0);
            assertThat(RESULT).errorCount().isLessThanOrEqualTo(1);
        }

        @Test
        @DisplayName("isBetween refuses a range whose ends are swapped, rather than failing every value")
        void swappedRange() {
            assertThatThrownBy(() -> assertThat(RESULT).modelAWinRate().isBetween(0.9, 0.1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("isBetween needs low <= high, but got 0.9 and 0.1");
        }
    }
}
