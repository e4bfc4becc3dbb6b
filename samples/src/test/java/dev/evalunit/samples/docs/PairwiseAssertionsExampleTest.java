package dev.evalunit.samples.docs;

import static dev.evalunit.assertj.EvalAssertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.samples.support.StandInModelServer;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pairwise assertions that docs/pairwise.md shows, run on the question-answering sample's
 * evaluation (same requests, so its replies come from the response cache).
 */
@ExtendWith(StandInModelServer.class)
class PairwiseAssertionsExampleTest {

    @PairwiseEval(dataset = "datasets/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
            autorater = @Autorater(model = "judge",
                    instruction = @Prompt(template = "Answer the question: {{ question }}"),
                    context = @Prompt(column = "context")),
            modelA = @Candidate(model = "candidate", params = @PromptParam(name = "prompt",
                    template = "{{ default_instruction }}\n\n{{ context }}\n\nQuestion: {{ question }}")),
            modelB = @Candidate(responseColumn = "model_b_response"),
            humanPreferenceColumn = "actual")
    void assertions(PairwiseResult result) {
        assertThat(result).modelAWinRate().isGreaterThan(0.5);
        assertThat(result).modelAWinRateCiLow().isGreaterThanOrEqualTo(0.4);   // lower end of the 95% interval
        assertThat(result).positionConsistency().isBetween(0.9, 1.0);
        assertThat(result).cohensKappa().isGreaterThanOrEqualTo(0.4);
        assertThat(result).macroF1().isComputed();
        assertThat(result).hasNoErrors();

        // Gates that do not flake: on the interval's bounds and the exact tests, not on the point estimates.
        assertThat(result).modelAWinRate().ciLow().isGreaterThan(0.4);
        assertThat(result).isNotSignificantlyWorseThanModelB();
        assertThat(result).hasNoSignificantPositionBias();
        assertThat(result).cohensKappa().ciLow().isGreaterThan(0.0);
    }
}
