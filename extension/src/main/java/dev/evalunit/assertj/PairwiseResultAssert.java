package dev.evalunit.assertj;

import static dev.evalunit.api.pairwise.MetricNames.*;
import static org.apiguardian.api.API.Status.STABLE;

import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
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

    /** {@code cohens_kappa}: binary agreement with humans beyond chance. */
    public StatisticAssert cohensKappa() {
        return human(COHENS_KAPPA, HumanAlignment::cohensKappa);
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

    /** {@code three_class_cohens_kappa}: agreement with humans beyond chance over A, B and tie. */
    public StatisticAssert threeClassCohensKappa() {
        return human(THREE_CLASS_COHENS_KAPPA, HumanAlignment::threeClassCohensKappa);
    }

    private StatisticAssert statistic(String name, Function<PairwiseMetrics, Double> value) {
        isNotNull();
        return described(new StatisticAssert(value.apply(actual.metrics()), name, context()));
    }

    private StatisticAssert human(String name, Function<HumanAlignment, Double> value) {
        isNotNull();
        HumanAlignment human = actual.metrics().humanAlignment();
        if (human == null) {
            failWithMessage("Expected %s, but evaluation [%s] has no human preference column: set humanPreferenceColumn on @PairwiseEval", name, actual.name());
        }
        return described(new StatisticAssert(value.apply(human), name, context()));
    }

    /** Carries {@code as(...)}, given on the result, over to the statistic, where the failure happens. */
    private StatisticAssert described(StatisticAssert statistic) {
        return info.hasDescription() ? statistic.as(info.description()) : statistic;
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
