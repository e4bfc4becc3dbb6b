package dev.evalunit.assertj;

import dev.evalunit.api.result.PairwiseResult;
import org.assertj.core.api.Assertions;

/**
 * Entry point for evalunit's assertions. It extends AssertJ's {@link Assertions}, so one static
 * import ({@code import static dev.evalunit.assertj.EvalAssertions.assertThat;}) serves both.
 */
public class EvalAssertions extends Assertions {

    protected EvalAssertions() {
    }

    public static PairwiseResultAssert assertThat(PairwiseResult actual) {
        return new PairwiseResultAssert(actual);
    }
}
