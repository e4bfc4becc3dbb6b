package dev.evalunit.assertj;

import static dev.evalunit.assertj.EvalAssertions.assertThat;
import static dev.evalunit.assertj.EvalAssertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.JudgeBias;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.SignTest;
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

    private static final HumanAlignment HUMAN_WITH_KAPPA_INTERVAL = new HumanAlignment(20, 0.55, 0.45, 9, 3, 6, 2,
            0.75, 0.75, 0.8182, 0.7826, 0.4898, null, null, null, null, null, 0.1058, 0.8738, null, null);

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
    @DisplayName("gates that do not flake: intervals, the sign test and the judge's bias")
    class Significance {

        private static final String CONTEXT_20 = "; evaluation [gate] over 20 examples (0 errors)";

        /** 20 examples, no errors: A 12, B 5, tie 3; figures as PairwiseStatistics computes them. */
        private PairwiseResult gate(SignTest test, JudgeBias bias, HumanAlignment human) {
            PairwiseMetrics metrics = new PairwiseMetrics(20, 0, 0.6, 0.25, 0.15, 0.3866, 0.7812, 1.0, human,
                    0.1119, 0.4687, 0.0524, 0.3604, test, bias);
            return new PairwiseResult("gate", "question_answering", List.of(), null, List.of(), metrics, null);
        }

        private final PairwiseResult unclear = gate(new SignTest(17, 12, 0.1435, 0.5294),
                new JudgeBias(68, 0.75, 0.0000537, 17, 0.7647, 0.0490, 0.6), HUMAN_WITH_KAPPA_INTERVAL);

        @Test
        @DisplayName("modelAWinRate().ciLow() compares the lower Wilson bound and quotes the estimate and its interval")
        void ciLow() {
            assertThatThrownBy(() -> assertThat(unclear).modelAWinRate().ciLow().isGreaterThan(0.5))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("Expected autosxs_model_a_win_rate_ci_low to be greater than 0.5, but was 0.3866;"
                            + " autosxs_model_a_win_rate 0.6, 95% interval [0.3866, 0.7812]" + CONTEXT_20);
        }

        @Test
        @DisplayName("ciHigh() on the B win rate and the tie rate, and passes when the bound holds")
        void ciHigh() {
            assertThat(unclear).modelBWinRate().ciHigh().isLessThan(0.5);
            assertThat(unclear).modelAWinRate().ciLow().isGreaterThan(0.3);
            assertThatThrownBy(() -> assertThat(unclear).tieRate().ciHigh().isLessThan(0.2))
                    .hasMessage("Expected tie_rate_ci_high to be less than 0.2, but was 0.3604;"
                            + " tie_rate 0.15, 95% interval [0.0524, 0.3604]" + CONTEXT_20);
        }

        @Test
        @DisplayName("cohensKappa().ciLow() compares the lower bound of the kappa interval")
        void kappaCiLow() {
            assertThatThrownBy(() -> assertThat(unclear).cohensKappa().ciLow().isGreaterThanOrEqualTo(0.4))
                    .hasMessage("Expected cohens_kappa_ci_low to be greater than or equal to 0.4, but was 0.1058;"
                            + " cohens_kappa 0.4898, 95% interval [0.1058, 0.8738]" + CONTEXT_20);
        }

        @Test
        @DisplayName("a bound that was never computed fails as null, with the description given to the result")
        void missingBound() {
            assertThatThrownBy(() -> assertThat(RESULT).as("release gate").modelBWinRate().ciLow().isGreaterThan(0.1))
                    .hasMessage("[release gate] Expected autosxs_model_b_win_rate_ci_low to be greater than 0.1, but was"
                            + " null (its denominator is empty); autosxs_model_b_win_rate 0, 95% interval null" + CONTEXT);
        }

        @Test
        @DisplayName("isSignificantlyBetterThanModelB fails on 12 to 5, giving the counts, p and the difference this sample could detect")
        void notSignificant() {
            assertThatThrownBy(() -> assertThat(unclear).isSignificantlyBetterThanModelB())
                    .hasMessage("Expected model A to be significantly better than model B (two-sided exact sign test on"
                            + " the decisive examples, p < 0.05), but A won 12 and B won 5 of 17 decisive examples"
                            + " (p = 0.1435); with this many decisive examples (A wins - B wins) / decisive must reach"
                            + " 0.5294 to be significant" + CONTEXT_20);
        }

        @Test
        @DisplayName("isSignificantlyBetterThanModelB passes on 15 to 2 and fails when B is the one significantly ahead")
        void direction() {
            assertThat(gate(new SignTest(17, 15, 0.0023, 0.5294), JudgeBias.NONE, null)).isSignificantlyBetterThanModelB();
            PairwiseResult worse = gate(new SignTest(17, 2, 0.0023, 0.5294), JudgeBias.NONE, null);

            assertThatThrownBy(() -> assertThat(worse).isSignificantlyBetterThanModelB())
                    .hasMessageContaining("but A won 2 and B won 15 of 17 decisive examples (p = 0.0023)");
            assertThatThrownBy(() -> assertThat(worse).isNotSignificantlyWorseThanModelB())
                    .hasMessage("Expected model A not to be significantly worse than model B (two-sided exact sign test"
                            + " on the decisive examples, p < 0.05), but A won 2 and B won 15 of 17 decisive examples"
                            + " (p = 0.0023); with this many decisive examples (A wins - B wins) / decisive must reach"
                            + " 0.5294 to be significant" + CONTEXT_20);
        }

        @Test
        @DisplayName("isNotSignificantlyWorseThanModelB passes while the models cannot be told apart")
        void regressionGate() {
            assertThat(unclear).isNotSignificantlyWorseThanModelB();
            assertThat(gate(new SignTest(17, 5, 0.1435, 0.5294), JudgeBias.NONE, null)).isNotSignificantlyWorseThanModelB();
        }

        @Test
        @DisplayName("at another level, and without decisive examples or with too few to ever be significant")
        void levelsAndSmallSamples() {
            assertThat(unclear).isSignificantlyBetterThanModelB(0.2);
            assertThatThrownBy(() -> assertThat(gate(SignTest.NONE, JudgeBias.NONE, null)).isSignificantlyBetterThanModelB())
                    .hasMessageContaining("but there is no decisive example (every judgment is a tie or an error);");
            assertThatThrownBy(() -> assertThat(gate(new SignTest(4, 4, 0.125, null), JudgeBias.NONE, null))
                    .isSignificantlyBetterThanModelB())
                    .hasMessageContaining("but A won 4 and B won 0 of 4 decisive examples (p = 0.125);"
                            + " with so few decisive examples no split reaches p < 0.05;");
            assertThatThrownBy(() -> assertThat(unclear).isSignificantlyBetterThanModelB(1.5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the significance level must be between 0 and 1, exclusive, but was 1.5");
        }

        @Test
        @DisplayName("hasNoSignificantPositionBias and hasNoSignificantLengthBias name the share, the count and p")
        void bias() {
            assertThatThrownBy(() -> assertThat(unclear).hasNoSignificantPositionBias())
                    .hasMessage("Expected no significant position bias (p >= 0.05), but the answer shown first won 0.75"
                            + " of 68 decisive samples (p = 0.0001); evaluation [gate] over 20 examples (0 errors)");
            assertThatThrownBy(() -> assertThat(unclear).hasNoSignificantLengthBias())
                    .hasMessage("Expected no significant length bias (p >= 0.05), but the longer response won 0.7647 of"
                            + " 17 decisive examples whose responses differ in length (p = 0.049)" + CONTEXT_20);
            PairwiseResult fair = gate(SignTest.NONE, new JudgeBias(40, 0.55, 0.6358, 9, 2.0 / 3, 0.5078, 0.6), null);
            assertThat(fair).hasNoSignificantPositionBias().hasNoSignificantLengthBias();
            assertThat(gate(SignTest.NONE, JudgeBias.NONE, null)).hasNoSignificantPositionBias().hasNoSignificantLengthBias();
        }

        @Test
        @DisplayName("the sign test and bias figures as statistics")
        void statistics() {
            assertThatThrownBy(() -> assertThat(unclear).signTestPValue().isLessThan(0.05))
                    .hasMessage("Expected sign_test_p_value to be less than 0.05, but was 0.1435" + CONTEXT_20);
            assertThatThrownBy(() -> assertThat(unclear).minimumDetectableDifference().isLessThan(0.2))
                    .hasMessage("Expected minimum_detectable_difference to be less than 0.2, but was 0.5294" + CONTEXT_20);
            assertThatThrownBy(() -> assertThat(unclear).firstPositionWinRate().isBetween(0.4, 0.6))
                    .hasMessage("Expected position_bias_first_position_win_rate to be between 0.4 and 0.6, but was 0.75"
                            + CONTEXT_20);
            assertThatThrownBy(() -> assertThat(unclear).longerWinRate().isLessThan(0.6))
                    .hasMessage("Expected length_bias_longer_win_rate to be less than 0.6, but was 0.7647" + CONTEXT_20);
            assertThatThrownBy(() -> assertThat(unclear).lengthAdjustedModelAWinRate().isGreaterThan(0.7))
                    .hasMessage("Expected length_adjusted_model_a_win_rate to be greater than 0.7, but was 0.6" + CONTEXT_20);
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
