package com.example.secrets;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Fails: its judge's key was given as itself with -D, which evalunit refuses (verify.groovy checks how). */
class LiteralKeyJudgeTest {

    private static StandIn standIn;

    @BeforeAll
    static void startStandIn() throws Exception {
        standIn = StandIn.start("candidate", "judge");
    }

    @AfterAll
    static void stopStandIn() {
        standIn.close();
    }

    @PairwiseEval(dataset = "datasets/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
            autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
            modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
            modelB = @Candidate(responseColumn = "baseline"))
    void refusedBeforeAnyCall(PairwiseResult result) {
    }
}
