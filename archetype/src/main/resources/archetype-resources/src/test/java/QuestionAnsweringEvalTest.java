package ${package};

import static dev.evalunit.assertj.EvalAssertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;

/**
 * The candidate model against a baseline answer column, judged by the autorater: the same evaluation as
 * src/test/resources/evals/qa.autosxs.json, written in Java. Its files go to target/evalunit/.
 */
class QuestionAnsweringEvalTest {

    @PairwiseEval(dataset = "datasets/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
            autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question"),
                    context = @Prompt(column = "context")),
            modelA = @Candidate(model = "candidate",
                    params = @PromptParam(name = "prompt", template = "{{ context }}\n\nQuestion: {{ question }}")),
            modelB = @Candidate(responseColumn = "baseline"))
    void candidateBeatsBaseline(PairwiseResult result) {
        assertThat(result).hasNoErrors();
        assertThat(result).modelAWinRate().isGreaterThanOrEqualTo(0.5);
    }
}
