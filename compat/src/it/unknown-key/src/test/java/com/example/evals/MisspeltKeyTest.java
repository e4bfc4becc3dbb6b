package com.example.evals;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;

/** Never reaches a model: a misspelt key among the launcher's configuration parameters fails it first. */
class MisspeltKeyTest {

    @PairwiseEval(dataset = "datasets/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
            autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
            modelA = @Candidate(responseColumn = "baseline"), modelB = @Candidate(responseColumn = "baseline"))
    void evaluation(PairwiseResult result) {
    }
}
