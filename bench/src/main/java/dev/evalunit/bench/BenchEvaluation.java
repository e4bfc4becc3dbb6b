package dev.evalunit.bench;

import static dev.evalunit.assertj.EvalAssertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;

/**
 * The evaluation the benchmark measures, written as a user writes one: model A ({@code candidate})
 * generates, side B is pre-generated, the {@code judge} model rates. It lives in main sources only so
 * that the runnable jar carries it; {@link EvaluationRunner} launches it through the JUnit Platform.
 *
 * <p>An annotation needs a constant, so the dataset is a fixed relative path: file paths resolve
 * against the working directory, and the benchmark starts the measured JVM in a fresh work folder
 * where it has just written {@value #DATASET}.
 */
public class BenchEvaluation {

    static final String DATASET = "bench-dataset.jsonl";
    /** Names the report folder: {@code <evalunit.report.dir>/bench/}. */
    static final String NAME = "bench";
    /** A system property: {@code true} in the fault benchmark, whose runs count their error rows instead. */
    static final String ALLOW_ERRORS = "bench.allow-errors";

    @PairwiseEval(dataset = DATASET, name = NAME, task = Task.QUESTION_ANSWERING, idColumns = "id",
            autorater = @Autorater(model = "judge",
                    instruction = @Prompt(template = "Answer the question: {{ question }}"),
                    context = @Prompt(column = "context")),
            modelA = @Candidate(model = "candidate", params = @PromptParam(name = "prompt",
                    template = "{{ default_instruction }}\n\n{{ context }}\n\nQuestion: {{ question }}")),
            modelB = @Candidate(responseColumn = "answer_b"))
    void pairwise(PairwiseResult result) {
        // A failed call would make the run look faster than it is; the benchmark refuses such a run.
        if (!Boolean.getBoolean(ALLOW_ERRORS)) {
            assertThat(result).hasNoErrors();
        }
    }
}
