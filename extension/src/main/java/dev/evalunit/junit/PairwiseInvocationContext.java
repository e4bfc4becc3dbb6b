package dev.evalunit.junit;

import dev.evalunit.api.PairwiseEval;
import java.util.List;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/** The one invocation of a {@code @PairwiseEval} method, named for what it evaluates. */
final class PairwiseInvocationContext implements TestTemplateInvocationContext {

    private final PairwiseEval eval;

    PairwiseInvocationContext(PairwiseEval eval) {
        this.eval = eval;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return "pairwise " + eval.task().id() + " on " + eval.dataset();
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new PairwiseEvaluationExtension(eval));
    }
}
