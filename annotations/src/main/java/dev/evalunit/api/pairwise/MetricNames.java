package dev.evalunit.api.pairwise;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The metric names of the metrics JSON: a contract that outside tools rely on (docs/file-formats.md). */
@API(status = STABLE, since = "0.1")
public final class MetricNames {
    public static final String EXAMPLE_COUNT = "example_count";
    public static final String ERROR_COUNT = "error_count";
    public static final String MODEL_A_WIN_RATE = "autosxs_model_a_win_rate";
    public static final String MODEL_B_WIN_RATE = "autosxs_model_b_win_rate";
    public static final String TIE_RATE = "tie_rate";
    public static final String MODEL_A_WIN_RATE_CI_LOW = "autosxs_model_a_win_rate_ci_low";
    public static final String MODEL_A_WIN_RATE_CI_HIGH = "autosxs_model_a_win_rate_ci_high";
    public static final String POSITION_CONSISTENCY = "position_consistency";

    // Added after the first release: written after every figure above, so that earlier figures keep their place.
    public static final String MODEL_B_WIN_RATE_CI_LOW = "autosxs_model_b_win_rate_ci_low";
    public static final String MODEL_B_WIN_RATE_CI_HIGH = "autosxs_model_b_win_rate_ci_high";
    public static final String TIE_RATE_CI_LOW = "tie_rate_ci_low";
    public static final String TIE_RATE_CI_HIGH = "tie_rate_ci_high";
    public static final String DECISIVE_COUNT = "decisive_count";
    public static final String DECISIVE_MODEL_A_WIN_COUNT = "decisive_model_a_win_count";
    public static final String SIGN_TEST_P_VALUE = "sign_test_p_value";
    public static final String MINIMUM_DETECTABLE_DIFFERENCE = "minimum_detectable_difference";
    public static final String POSITION_BIAS_SAMPLE_COUNT = "position_bias_sample_count";
    public static final String POSITION_BIAS_FIRST_POSITION_WIN_RATE = "position_bias_first_position_win_rate";
    public static final String POSITION_BIAS_P_VALUE = "position_bias_p_value";
    public static final String LENGTH_BIAS_EXAMPLE_COUNT = "length_bias_example_count";
    public static final String LENGTH_BIAS_LONGER_WIN_RATE = "length_bias_longer_win_rate";
    public static final String LENGTH_BIAS_P_VALUE = "length_bias_p_value";
    public static final String LENGTH_ADJUSTED_MODEL_A_WIN_RATE = "length_adjusted_model_a_win_rate";

    public static final String ALIGNMENT_EXAMPLE_COUNT = "alignment_example_count";
    public static final String HUMAN_MODEL_A_WIN_RATE = "human_preference_model_a_win_rate";
    public static final String HUMAN_MODEL_B_WIN_RATE = "human_preference_model_b_win_rate";
    public static final String TRUE_POSITIVE_COUNT = "true_positive_count";
    public static final String FALSE_POSITIVE_COUNT = "false_positive_count";
    public static final String TRUE_NEGATIVE_COUNT = "true_negative_count";
    public static final String FALSE_NEGATIVE_COUNT = "false_negative_count";
    public static final String ACCURACY = "accuracy";
    public static final String PRECISION = "precision";
    public static final String RECALL = "recall";
    public static final String F1 = "f1";
    public static final String COHENS_KAPPA = "cohens_kappa";

    public static final String THREE_CLASS_ACCURACY = "three_class_accuracy";
    public static final String MACRO_PRECISION = "macro_precision";
    public static final String MACRO_RECALL = "macro_recall";
    public static final String MACRO_F1 = "macro_f1";
    public static final String THREE_CLASS_COHENS_KAPPA = "three_class_cohens_kappa";

    // Added after the first release, written last.
    public static final String COHENS_KAPPA_CI_LOW = "cohens_kappa_ci_low";
    public static final String COHENS_KAPPA_CI_HIGH = "cohens_kappa_ci_high";
    public static final String THREE_CLASS_COHENS_KAPPA_CI_LOW = "three_class_cohens_kappa_ci_low";
    public static final String THREE_CLASS_COHENS_KAPPA_CI_HIGH = "three_class_cohens_kappa_ci_high";

    private MetricNames() {
    }
}
