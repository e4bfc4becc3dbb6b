package dev.evalunit.assertj;

import static org.apiguardian.api.API.Status.STABLE;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.TournamentResult;
import org.apiguardian.api.API;
import org.assertj.core.api.Assertions;

/**
 * Entry point for evalunit's assertions. It extends AssertJ's {@link Assertions}, so one static
 * import ({@code import static dev.evalunit.assertj.EvalAssertions.assertThat;}) serves both.
 */
@API(status = STABLE, since = "0.1")
public class EvalAssertions extends Assertions {

    protected EvalAssertions() {
    }

    public static PairwiseResultAssert assertThat(PairwiseResult actual) {
        return new PairwiseResultAssert(actual);
    }

    public static ExperimentResultAssert assertThat(ExperimentResult actual) {
        return new ExperimentResultAssert(actual);
    }

    public static TournamentResultAssert assertThat(TournamentResult actual) {
        return new TournamentResultAssert(actual);
    }

    public static ExperimentSetResultAssert assertThat(ExperimentSetResult actual) {
        return new ExperimentSetResultAssert(actual);
    }
}
