package dev.evalunit.samples;

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
 * Does the {@code candidate} model answer questions about a document better than the answers we
 * shipped before ({@code model_b_response})? The {@code judge} model decides per example; people
 * labelled the same pairs ({@code actual}), which tells us how far to trust the judge.
 *
 * <p>The human labels compare the baseline with the answers of the offline stand-in candidate
 * (see {@link StandInModelServer}); they are in the judgments file next to each verdict. Pointed at
 * a real candidate, the answers change, and the labels should be collected again for them.
 */
@ExtendWith(StandInModelServer.class)
class QuestionAnsweringEvalTest {

    @PairwiseEval(dataset = "datasets/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
            autorater = @Autorater(model = "judge",
                    instruction = @Prompt(template = "Answer the question: {{ question }}"),
                    context = @Prompt(column = "context")),
            // The question goes last, on a line of its own.
            modelA = @Candidate(model = "candidate", params = @PromptParam(name = "prompt",
                    template = "{{ default_instruction }}\n\n{{ context }}\n\nQuestion: {{ question }}")),
            modelB = @Candidate(responseColumn = "model_b_response"),
            humanPreferenceColumn = "actual")
    void candidateBeatsBaseline(PairwiseResult result) {
        // Every example judged: a failed call would otherwise quietly shrink the sample.
        assertThat(result).hasNoErrors();
        // The candidate wins more than half of the examples outright (ties count against it).
        assertThat(result).modelAWinRate().isGreaterThan(0.5);
        // The judge agrees with people beyond chance ("moderate" agreement or better), so its
        // win rate above is worth gating on.
        assertThat(result).cohensKappa().isGreaterThanOrEqualTo(0.4);
    }
}
