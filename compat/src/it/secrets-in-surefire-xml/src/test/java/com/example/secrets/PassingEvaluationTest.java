package com.example.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Passes: its judge's key comes from a file; the key given with -D is already gone. */
class PassingEvaluationTest {

    private static StandIn standIn;

    @BeforeAll
    static void startStandIn() throws Exception {
        standIn = StandIn.start("candidate", "honest-judge");
    }

    @AfterAll
    static void stopStandIn() {
        standIn.close();
    }

    @Test
    void theKeyPassedWithDIsGoneBeforeAnyTestRuns() {
        assertThat(System.getProperties()).doesNotContainKey("evalunit.models.judge.api-key")
                .containsKey("evalunit.version");
    }

    @PairwiseEval(dataset = "datasets/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
            autorater = @Autorater(model = "honest-judge", instruction = @Prompt(column = "question")),
            modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
            modelB = @Candidate(responseColumn = "baseline"))
    void candidateWins(PairwiseResult result) {
        dev.evalunit.assertj.EvalAssertions.assertThat(result).hasNoErrors();
        dev.evalunit.assertj.EvalAssertions.assertThat(result).modelAWinRate().isEqualTo(1.0);
        // The candidate has no key; the judge's comes from its file, without the file's trailing newline.
        assertThat(standIn.authorizations()).contains("null", "Bearer stand-in-key-not-a-secret");
    }
}
