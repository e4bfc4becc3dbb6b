package dev.evalunit.api.pairwise;

import static dev.evalunit.api.pairwise.MetricNames.*;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * How well the autorater agrees with human preferences. Rates are {@code null} when their
 * denominator is empty. Binary figures treat "Model A" as the positive class and count only the
 * examples where both the autorater and the human chose A or B; three-class figures count every
 * example whose judgment is not an error. Each kappa comes with its 95% large-sample interval
 * (Fleiss, Cohen and Everitt's standard error; {@code null} bounds when it cannot be computed).
 */
@API(status = STABLE, since = "0.1")
public record HumanAlignment(int alignmentExampleCount,
                             Double humanModelAWinRate, Double humanModelBWinRate,
                             int truePositiveCount, int falsePositiveCount,
                             int trueNegativeCount, int falseNegativeCount,
                             Double accuracy, Double precision, Double recall, Double f1, Double cohensKappa,
                             Double threeClassAccuracy, Double macroPrecision, Double macroRecall, Double macroF1,
                             Double threeClassCohensKappa,
                             Double cohensKappaCiLow, Double cohensKappaCiHigh,
                             Double threeClassCohensKappaCiLow, Double threeClassCohensKappaCiHigh) {

    /** The figures without the kappa intervals (their bounds {@code null}), as the first release had them. */
    public HumanAlignment(int alignmentExampleCount,
                          Double humanModelAWinRate, Double humanModelBWinRate,
                          int truePositiveCount, int falsePositiveCount,
                          int trueNegativeCount, int falseNegativeCount,
                          Double accuracy, Double precision, Double recall, Double f1, Double cohensKappa,
                          Double threeClassAccuracy, Double macroPrecision, Double macroRecall, Double macroF1,
                          Double threeClassCohensKappa) {
        this(alignmentExampleCount, humanModelAWinRate, humanModelBWinRate, truePositiveCount, falsePositiveCount,
                trueNegativeCount, falseNegativeCount, accuracy, precision, recall, f1, cohensKappa,
                threeClassAccuracy, macroPrecision, macroRecall, macroF1, threeClassCohensKappa,
                null, null, null, null);
    }

    void putInto(Map<String, Object> map) {
        map.put(ALIGNMENT_EXAMPLE_COUNT, alignmentExampleCount);
        map.put(HUMAN_MODEL_A_WIN_RATE, humanModelAWinRate);
        map.put(HUMAN_MODEL_B_WIN_RATE, humanModelBWinRate);
        map.put(TRUE_POSITIVE_COUNT, truePositiveCount);
        map.put(FALSE_POSITIVE_COUNT, falsePositiveCount);
        map.put(TRUE_NEGATIVE_COUNT, trueNegativeCount);
        map.put(FALSE_NEGATIVE_COUNT, falseNegativeCount);
        map.put(ACCURACY, accuracy);
        map.put(PRECISION, precision);
        map.put(RECALL, recall);
        map.put(F1, f1);
        map.put(COHENS_KAPPA, cohensKappa);
        map.put(THREE_CLASS_ACCURACY, threeClassAccuracy);
        map.put(MACRO_PRECISION, macroPrecision);
        map.put(MACRO_RECALL, macroRecall);
        map.put(MACRO_F1, macroF1);
        map.put(THREE_CLASS_COHENS_KAPPA, threeClassCohensKappa);
    }

    /** The figures added after the first release, written after every other figure. */
    void putIntervalsInto(Map<String, Object> map) {
        map.put(COHENS_KAPPA_CI_LOW, cohensKappaCiLow);
        map.put(COHENS_KAPPA_CI_HIGH, cohensKappaCiHigh);
        map.put(THREE_CLASS_COHENS_KAPPA_CI_LOW, threeClassCohensKappaCiLow);
        map.put(THREE_CLASS_COHENS_KAPPA_CI_HIGH, threeClassCohensKappaCiHigh);
    }
}
