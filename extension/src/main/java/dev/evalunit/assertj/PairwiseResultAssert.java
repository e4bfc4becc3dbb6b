package dev.evalunit.assertj;

import static dev.evalunit.api.result.MetricNames.*;

import dev.evalunit.api.result.HumanAlignment;
import dev.evalunit.api.result.PairwiseMetrics;
import dev.evalunit.api.result.PairwiseResult;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a pairwise evaluation's figures. Each statistic method returns a
 * {@link StatisticAssert} whose failure message names the statistic, its value, the threshold, the
 * example count and the judgments file.
 */
public class PairwiseResultAssert extends AbstractAssert<PairwiseResultAssert, PairwiseResult> {

    public PairwiseResultAssert(PairwiseResult actual) {
        super(actual, PairwiseResultAssert.class);
    }

    /** {@code autosxs_model_a_win_rate}: share of non-error judgments that chose model A. */
    public StatisticAssert modelAWinRate() {
        return statistic(MODEL_A_WIN_RATE, PairwiseMetrics::modelAWinRate);
    }

    /** {@code autosxs_model_b_win_rate}: share of non-error judgments that chose model B. */
    public StatisticAssert modelBWinRate() {
        return statistic(MODEL_B_WIN_RATE, PairwiseMetrics::modelBWinRate);
    }

    /** {@code tie_rate}: share of non-error judgments that are ties. */
    public StatisticAssert tieRate() {
        return statistic(TIE_RATE, PairwiseMetrics::tieRate);
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

    /** Fails unless no judgment is an error. */
    public PairwiseResultAssert hasNoErrors() {
        errorCount().isLessThanOrEqualTo(0);
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

    /** {@code cohens_kappa}: binary agreement with humans beyond chance. */
    public StatisticAssert cohensKappa() {
        return human(COHENS_KAPPA, HumanAlignment::cohensKappa);
    }

    /** {@code three_class_accuracy}: agreement with humans over A, B and tie. */
    public StatisticAssert threeClassAccuracy() {
        return human(THREE_CLASS_ACCURACY, HumanAlignment::threeClassAccuracy);
    }

    /** {@code macro_f1}: mean of the per-class F1 over A, B and tie. */
    public StatisticAssert macroF1() {
        return human(MACRO_F1, HumanAlignment::macroF1);
    }

    /** {@code three_class_cohens_kappa}: agreement with humans beyond chance over A, B and tie. */
    public StatisticAssert threeClassCohensKappa() {
        return human(THREE_CLASS_COHENS_KAPPA, HumanAlignment::threeClassCohensKappa);
    }

    private StatisticAssert statistic(String name, Function<PairwiseMetrics, Double> value) {
        isNotNull();
        return new StatisticAssert(value.apply(actual.metrics()), name, context());
    }

    private StatisticAssert human(String name, Function<HumanAlignment, Double> value) {
        isNotNull();
        HumanAlignment human = actual.metrics().humanAlignment();
        if (human == null) {
            failWithMessage("Expected %s, but evaluation [%s] has no human preference column: set humanPreferenceColumn on @PairwiseEval", name, actual.name());
        }
        return new StatisticAssert(value.apply(human), name, context());
    }

    private String context() {
        PairwiseMetrics m = actual.metrics();
        return String.format("evaluation [%s] over %d examples (%d errors); judgments: %s",
                actual.name(), m.exampleCount(), m.errorCount(), actual.judgmentsFile());
    }
}
