package dev.evalunit.samples;

import static dev.evalunit.assertj.EvalAssertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.samples.support.ProviderStandIns;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two providers in one evaluation: a Gemini model ({@code gemini}, {@code provider=gemini}) answers
 * questions about a document, and a Claude model ({@code claude}, {@code provider=anthropic}) judges
 * its answers against the ones we shipped before. Both are declared in {@code junit-platform.properties}
 * with their public APIs and key references; offline, {@link ProviderStandIns} serves each from a
 * loopback stand-in of its wire format.
 */
@ExtendWith(ProviderStandIns.class)
class ClaudeJudgesGeminiTest {

    @PairwiseEval(dataset = "datasets/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
            autorater = @Autorater(model = "claude",
                    instruction = @Prompt(template = "Answer the question: {{ question }}"),
                    context = @Prompt(column = "context")),
            modelA = @Candidate(model = "gemini", params = @PromptParam(name = "prompt",
                    template = "{{ default_instruction }}\n\n{{ context }}\n\nQuestion: {{ question }}")),
            modelB = @Candidate(responseColumn = "model_b_response"))
    void geminiBeatsBaseline(PairwiseResult result) {
        // Every example judged: no call to either provider failed.
        assertThat(result).hasNoErrors();
        // Gemini wins more than half of the examples outright in Claude's eyes (ties count against it).
        assertThat(result).modelAWinRate().isGreaterThan(0.5);
    }
}
