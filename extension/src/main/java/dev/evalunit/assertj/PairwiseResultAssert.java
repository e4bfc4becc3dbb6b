package dev.evalunit.assertj;

import static dev.evalunit.api.pairwise.MetricNames.*;
import static org.apiguardian.api.API.Status.STABLE;

import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.JudgeBias;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.SignTest;
import dev.evalunit.stats.pairwise.ExactBinomialTest;
import java.nio.file.Path;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a pairwise evaluation's figures. Each statistic method returns a
 * {@link StatisticAssert} whose failure message names the statistic, its value, the threshold, the
 * example count and the judgments file.
 */
@API(status = STABLE, since = "0.1")
public class PairwiseResultAssert extends AbstractAssert<PairwiseResultAssert, PairwiseResult> {

    public PairwiseResultAssert(PairwiseResult actual) {
        super(actual, PairwiseResultAssert.class);
    }

    /**
     * {@code autosxs_model_a_win_rate}: share of non-error judgments that chose model A; with
     * {@code ciLow()} / {@code ciHigh()}, its 95% Wilson bounds.
     */
    public EstimateAssert modelAWinRate() {
        PairwiseMetrics m = metrics();
        return estimate(MODEL_A_WIN_RATE, m.modelAWinRate(), m.modelAWinRateCiLow(), m.modelAWinRateCiHigh());
    }

    /**
     * {@code autosxs_model_b_win_rate}: share of non-error judgments that chose model B; with
     * {@code ciLow()} / {@code ciHigh()}, its 95% Wilson bounds.
     */
    public EstimateAssert modelBWinRate() {
        PairwiseMetrics m = metrics();
        return estimate(MODEL_B_WIN_RATE, m.modelBWinRate(), m.modelBWinRateCiLow(), m.modelBWinRateCiHigh());
    }

    /**
     * {@code tie_rate}: share of non-error judgments that are ties; with {@code ciLow()} /
     * {@code ciHigh()}, its 95% Wilson bounds.
     */
    public EstimateAssert tieRate() {
        PairwiseMetrics m = metrics();
        return estimate(TIE_RATE, m.tieRate(), m.tieRateCiLow(), m.tieRateCiHigh());
    }

    /**
     * Fails unless model A wins significantly more decisive examples than model B: the two-sided
     * exact sign test on the examples judged Model A or Model B (ties and errors left out) gives
     * p &lt; 0.05 and A has more wins. The gate that does not flake: a sample too small to tell the
     * models apart fails every time, not one build in two.
     */
    public PairwiseResultAssert isSignificantlyBetterThanModelB() {
        return isSignificantlyBetterThanModelB(ExactBinomialTest.ALPHA_05);
    }

    /** As {@link #isSignificantlyBetterThanModelB()}, at significance level {@code alpha}. */
    public PairwiseResultAssert isSignificantlyBetterThanModelB(double alpha) {
        checkAlpha(alpha);
        SignTest test = metrics().signTest();
        boolean holds = test.pValue() != null && test.pValue() < alpha && test.modelAWinCount() > test.modelBWinCount();
        if (!holds) {
            failWithMessage("Expected model A to be significantly better than model B (two-sided exact sign test on "
                    + "the decisive examples, p < %s), but %s; %s", format(alpha), signTestOutcome(test, alpha), context());
        }
        return this;
    }

    /**
     * Fails only when model B wins significantly more decisive examples than model A (two-sided
     * exact sign test, p &lt; 0.05): the regression gate, which passes while the two are
     * indistinguishable.
     */
    public PairwiseResultAssert isNotSignificantlyWorseThanModelB() {
        return isNotSignificantlyWorseThanModelB(ExactBinomialTest.ALPHA_05);
    }

    /** As {@link #isNotSignificantlyWorseThanModelB()}, at significance level {@code alpha}. */
    public PairwiseResultAssert isNotSignificantlyWorseThanModelB(double alpha) {
        checkAlpha(alpha);
        SignTest test = metrics().signTest();
        if (test.pValue() != null && test.pValue() < alpha && test.modelBWinCount() > test.modelAWinCount()) {
            failWithMessage("Expected model A not to be significantly worse than model B (two-sided exact sign test "
                    + "on the decisive examples, p < %s), but %s; %s", format(alpha), signTestOutcome(test, alpha), context());
        }
        return this;
    }

    /**
     * Any figure of {@code metrics.json} by its name, e.g. {@code autosxs_model_a_win_rate}: how a spec
     * file's gates are checked. A figure the evaluation does not have (human alignment without a human
     * preference column) is {@code null} and fails every comparison.
     */
    public StatisticAssert figure(String name) {
        return statistic(name, m -> m.asMap().get(name) instanceof Number n ? n.doubleValue() : null);
    }

    /** {@code sign_test_p_value}: the two-sided exact sign test of A wins against B wins. */
    public StatisticAssert signTestPValue() {
        return statistic(SIGN_TEST_P_VALUE, m -> m.signTest().pValue());
    }

    /** {@code minimum_detectable_difference}: the smallest A−B share of decisive examples that reaches p &lt; 0.05. */
    public StatisticAssert minimumDetectableDifference() {
        return statistic(MINIMUM_DETECTABLE_DIFFERENCE, m -> m.signTest().minimumDetectableDifference());
    }

    /** {@code position_bias_first_position_win_rate}: share of decisive samples won by the answer shown first. */
    public StatisticAssert firstPositionWinRate() {
        return statistic(POSITION_BIAS_FIRST_POSITION_WIN_RATE, m -> m.judgeBias().firstPositionWinRate());
    }

    /** {@code length_bias_longer_win_rate}: share of decisive examples won by the longer response. */
    public StatisticAssert longerWinRate() {
        return statistic(LENGTH_BIAS_LONGER_WIN_RATE, m -> m.judgeBias().longerWinRate());
    }

    /** {@code length_adjusted_model_a_win_rate}: A's decisive win rate with length balanced. */
    public StatisticAssert lengthAdjustedModelAWinRate() {
        return statistic(LENGTH_ADJUSTED_MODEL_A_WIN_RATE, m -> m.judgeBias().lengthAdjustedModelAWinRate());
    }

    /**
     * Fails when the autorater favours the answer shown first, or the one shown second, beyond
     * chance: two-sided exact test of the first-position share of decisive samples against 1/2, p &lt; 0.05.
     */
    public PairwiseResultAssert hasNoSignificantPositionBias() {
        JudgeBias bias = metrics().judgeBias();
        if (bias.positionPValue() != null && bias.positionPValue() < ExactBinomialTest.ALPHA_05) {
            failWithMessage("Expected no significant position bias (p >= 0.05), but the answer shown first won %s of "
                            + "%s (p = %s); %s", format(bias.firstPositionWinRate()),
                    count(bias.positionSampleCount(), "decisive sample"), format(bias.positionPValue()), context());
        }
        return this;
    }

    /**
     * Fails when the autorater favours the longer, or the shorter, response beyond chance:
     * two-sided exact test of the longer response's share of decisive examples against 1/2, p &lt; 0.05.
     */
    public PairwiseResultAssert hasNoSignificantLengthBias() {
        JudgeBias bias = metrics().judgeBias();
        if (bias.lengthPValue() != null && bias.lengthPValue() < ExactBinomialTest.ALPHA_05) {
            failWithMessage("Expected no significant length bias (p >= 0.05), but the longer response won %s of "
                            + "%s whose responses differ in length (p = %s); %s", format(bias.longerWinRate()),
                    count(bias.lengthExampleCount(), "decisive example"), format(bias.lengthPValue()), context());
        }
        return this;
    }

    /** {@code autosxs_model_a_win_rate_ci_low}: lower 95% Wilson bound of model A's win rate. */
    public StatisticAssert modelAWinRateCiLow() {
        return statistic(MODEL_A_WIN_RATE_CI_LOW, PairwiseMetrics::modelAWinRateCiLow);
    }

    /** {@code autosxs_model_a_win_rate_ci_high}: upper 95% Wilson bound of model A's win rate. */
    public StatisticAssert modelAWinRateCiHigh() {
        return statistic(MODEL_A_WIN_RATE_CI_HIGH, PairwiseMetrics::modelAWinRateCiHigh);
    }

    /** {@code position_consistency}: share of examples judged alike in both answer orders. */
    public StatisticAssert positionConsistency() {
        return statistic(POSITION_CONSISTENCY, PairwiseMetrics::positionConsistency);
    }

    /** {@code error_count}: examples whose judgment is {@code Error}. */
    public StatisticAssert errorCount() {
        return statistic(ERROR_COUNT, m -> (double) m.errorCount());
    }

    /** Fails unless no judgment is an error; the message quotes the first error's reason. */
    public PairwiseResultAssert hasNoErrors() {
        isNotNull();
        int errors = actual.metrics().errorCount();
        if (errors > 0) {
            String first = actual.judgments().stream().filter(Judgment::isError).findFirst()
                    .map(j -> "; first [" + j.idLabel() + "]: " + j.explanation())
                    .orElse("");
            failWithMessage("Expected no Error judgments, but found %d%s; %s", errors, first, context());
        }
        return this;
    }

    /** {@code accuracy}: binary agreement with humans over examples where both chose A or B. */
    public StatisticAssert accuracy() {
        return human(ACCURACY, HumanAlignment::accuracy);
    }

    /** {@code precision}, model A as the positive class. */
    public StatisticAssert precision() {
        return human(PRECISION, HumanAlignment::precision);
    }

    /** {@code recall}, model A as the positive class. */
    public StatisticAssert recall() {
        return human(RECALL, HumanAlignment::recall);
    }

    /** {@code f1}, model A as the positive class. */
    public StatisticAssert f1() {
        return human(F1, HumanAlignment::f1);
    }

    /** {@code cohens_kappa}: binary agreement with humans beyond chance; with {@code ciLow()} / {@code ciHigh()}, its 95% bounds. */
    public EstimateAssert cohensKappa() {
        HumanAlignment human = humanAlignment(COHENS_KAPPA);
        return estimate(COHENS_KAPPA, human.cohensKappa(), human.cohensKappaCiLow(), human.cohensKappaCiHigh());
    }

    /** {@code three_class_accuracy}: agreement with humans over A, B and tie. */
    public StatisticAssert threeClassAccuracy() {
        return human(THREE_CLASS_ACCURACY, HumanAlignment::threeClassAccuracy);
    }

    /** {@code macro_precision}: mean of the per-class precision over A, B and tie. */
    public StatisticAssert macroPrecision() {
        return human(MACRO_PRECISION, HumanAlignment::macroPrecision);
    }

    /** {@code macro_recall}: mean of the per-class recall over A, B and tie. */
    public StatisticAssert macroRecall() {
        return human(MACRO_RECALL, HumanAlignment::macroRecall);
    }

    /** {@code macro_f1}: mean of the per-class F1 over A, B and tie. */
    public StatisticAssert macroF1() {
        return human(MACRO_F1, HumanAlignment::macroF1);
    }

    /**
     * {@code three_class_cohens_kappa}: agreement with humans beyond chance over A, B and tie; with
     * {@code ciLow()} / {@code ciHigh()}, its 95% bounds.
     */
    public EstimateAssert threeClassCohensKappa() {
        HumanAlignment human = humanAlignment(THREE_CLASS_COHENS_KAPPA);
        return estimate(THREE_CLASS_COHENS_KAPPA, human.threeClassCohensKappa(),
                human.threeClassCohensKappaCiLow(), human.threeClassCohensKappaCiHigh());
    }

    private StatisticAssert statistic(String name, Function<PairwiseMetrics, Double> value) {
        return described(new StatisticAssert(value.apply(metrics()), name, context()));
    }

    private StatisticAssert human(String name, Function<HumanAlignment, Double> value) {
        return described(new StatisticAssert(value.apply(humanAlignment(name)), name, context()));
    }

    private HumanAlignment humanAlignment(String name) {
        HumanAlignment human = metrics().humanAlignment();
        if (human == null) {
            failWithMessage("Expected %s, but evaluation [%s] has no human preference column: set humanPreferenceColumn on @PairwiseEval", name, actual.name());
        }
        return human;
    }

    private EstimateAssert estimate(String name, Double value, Double low, Double high) {
        return described(new EstimateAssert(value, name, context(), low, high));
    }

    private PairwiseMetrics metrics() {
        isNotNull();
        return actual.metrics();
    }

    /** Carries {@code as(...)}, given on the result, over to the statistic, where the failure happens. */
    @SuppressWarnings("unchecked")
    private <S extends StatisticAssert> S described(S statistic) {
        return info.hasDescription() ? (S) statistic.as(info.description()) : statistic;
    }

    /** What the sign test found, and what this many decisive examples could have shown. */
    private static String signTestOutcome(SignTest test, double alpha) {
        if (test.pValue() == null) {
            return "there is no decisive example (every judgment is a tie or an error)";
        }
        String outcome = "A won " + test.modelAWinCount() + " and B won " + test.modelBWinCount() + " of "
                + count(test.decisiveCount(), "decisive example") + " (p = " + format(test.pValue()) + ")";
        Double detectable = ExactBinomialTest.minimumDetectableDifference(test.decisiveCount(), alpha);
        return outcome + (detectable == null
                ? "; with so few decisive examples no split reaches p < " + format(alpha)
                : "; with this many decisive examples (A wins - B wins) / decisive must reach "
                        + format(detectable) + " to be significant");
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("the significance level must be between 0 and 1, exclusive, but was " + alpha);
        }
    }

    private static String format(double value) {
        return StatisticAssert.format(value);
    }

    /** Where a failing figure comes from; the judgments file is where to look next. */
    private String context() {
        PairwiseMetrics m = actual.metrics();
        Path judgments = actual.judgmentsFile();
        return "evaluation [" + actual.name() + "] over " + count(m.exampleCount(), "example")
                + " (" + count(m.errorCount(), "error") + ")" + (judgments == null ? "" : "; judgments: " + judgments);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
