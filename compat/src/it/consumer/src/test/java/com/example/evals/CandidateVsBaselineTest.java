package com.example.evals;

import static dev.evalunit.assertj.EvalAssertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A pairwise evaluation as the README writes one, asserting on its result and on the files it wrote. */
class CandidateVsBaselineTest {

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
            autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question"),
                    context = @Prompt(column = "context")),
            modelA = @Candidate(model = "candidate",
                    params = @PromptParam(name = "prompt", template = "{{ context }}\n\nQuestion: {{ question }}")),
            modelB = @Candidate(responseColumn = "baseline"))
    void candidateBeatsBaseline(PairwiseResult result) throws Exception {
        assertThat(result).hasNoErrors();
        assertThat(result).modelAWinRate().isEqualTo(1.0);

        // 3 examples: one generation each, and 2 autorater samples (A/B, then swapped).
        org.assertj.core.api.Assertions.assertThat(standIn.requests()).isEqualTo(3 * (1 + 2));
        Path judgments = Reports.directory().resolve("CandidateVsBaselineTest.candidateBeatsBaseline/judgments.jsonl");
        org.assertj.core.api.Assertions.assertThat(result.judgmentsFile()).isEqualTo(judgments);
        org.assertj.core.api.Assertions.assertThat(Reports.lines(judgments)).hasSize(3)
                .allSatisfy(line -> org.assertj.core.api.Assertions.assertThat(line)
                        .contains("\"choice\":\"A\"").contains("A grounded answer."));
        org.assertj.core.api.Assertions.assertThat(Reports.lines(judgments.resolveSibling("metrics.json")))
                .anySatisfy(line -> org.assertj.core.api.Assertions.assertThat(line).contains("\"autosxs_model_a_win_rate\""));
    }
}
