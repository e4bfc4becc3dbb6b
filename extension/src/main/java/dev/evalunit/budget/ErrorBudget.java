package dev.evalunit.budget;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The largest share of failed examples an evaluation may have and still be judged on its figures.
 * Win rates are computed over the examples that are not errors, so a run where half the calls
 * failed would otherwise report confident figures over the half that happened to succeed.
 *
 * @param share in [0, 1]: 0 tolerates no error, 1 tolerates any number
 */
@API(status = INTERNAL, since = "0.1")
public record ErrorBudget(double share) {

    public ErrorBudget {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in [0, 1]: " + share);
        }
    }

    /** {@link ConfigKeys#ERROR_BUDGET}, or {@link ConfigKeys#DEFAULT_ERROR_BUDGET} when unset. */
    public static ErrorBudget from(EvalConfig config) {
        return config.get(ConfigKeys.ERROR_BUDGET).map(ErrorBudget::parse)
                .orElse(new ErrorBudget(ConfigKeys.DEFAULT_ERROR_BUDGET));
    }

    private static ErrorBudget parse(String value) {
        double share;
        try {
            share = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            share = Double.NaN;
        }
        if (!(share >= 0 && share <= 1)) {
            throw new ConfigurationException("[" + ConfigKeys.ERROR_BUDGET + "] must be a share between 0 and 1, e.g. 0.1, but was '"
                    + value + "'.");
        }
        return new ErrorBudget(share);
    }

    /**
     * Fails when the share of {@code Error} judgments is over the budget.
     *
     * @throws EvaluationInfrastructureException naming the evaluation, the counts, the commonest reasons
     *     and the judgments file
     */
    public void check(PairwiseResult result) {
        // A run's judgments are read from its file: not at all when its metrics count no error, else counted in one
        // pass, and their reasons read only when over the budget.
        int errors = result.metrics().errorCount() == 0 ? 0 : (int) result.judgments().stream().filter(Judgment::isError).count();
        if (isOver(errors, result.judgments().size())) {
            List<String> reasons = result.judgments().stream().filter(Judgment::isError).map(Judgment::explanation).toList();
            throw new EvaluationInfrastructureException("evaluation [" + result.name() + "] exceeded its error budget: "
                    + errors + " of " + result.judgments().size() + " examples (" + percent(errors,
                    result.judgments().size()) + ") are errors, over the budget of " + percent(share)
                    + ". Commonest reasons: " + CommonestReasons.of(reasons) + ". The judgments are in "
                    + result.judgmentsFile() + ".");
        }
    }

    /**
     * Fails when the share of rows without an answer (failed generations) is over the budget. Failed
     * metric observations do not count: a metric's own failure rate is a figure the test can assert.
     *
     * @throws EvaluationInfrastructureException naming the experiment (what tells it apart, its run and name) and its set
     */
    public void check(ExperimentResult experiment) {
        List<String> reasons = experiment.rows().stream().map(RowResult::generation).filter(g -> g.failed())
                .map(g -> g.error()).toList();
        if (isOver(reasons.size(), experiment.rows().size())) {
            throw new EvaluationInfrastructureException("experiment [" + experiment.description() + "] of set ["
                    + experiment.setName() + "] exceeded its error budget: " + reasons.size() + " of "
                    + experiment.rows().size() + " rows (" + percent(reasons.size(), experiment.rows().size())
                    + ") have no answer, over the budget of " + percent(share) + ". Commonest reasons: "
                    + CommonestReasons.of(reasons) + ". The observations are in " + experiment.reportDirectory() + ".");
        }
    }

    /** Division rather than multiplication: 1 of 10 against 0.1 is exactly at the budget, not over it. */
    boolean isOver(int errors, int total) {
        return total > 0 && (double) errors / total > share;
    }

    private static String percent(int part, int total) {
        return percent((double) part / total);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
