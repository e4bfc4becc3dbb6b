package dev.evalunit.samples.plugins;

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
 * A model of a provider that the engine does not ship: {@code plain} is declared with
 * {@code evalunit.models.plain.provider=plain-json} in {@code junit-platform.properties}, and
 * {@link PlainJsonProvider} is found through this module's services file. It answers the
 * question-answering sample's questions against the shipped answers; the judge is the usual
 * {@code openai} one, so one evaluation mixes two providers.
 */
@ExtendWith({StandInModelServer.class, PlainJsonServer.class})
class PlainJsonProviderEvalTest {

    @PairwiseEval(dataset = "datasets/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
            autorater = @Autorater(model = "judge",
                    instruction = @Prompt(template = "Answer the question: {{ question }}"),
                    context = @Prompt(column = "context")),
            modelA = @Candidate(model = "plain", params = @PromptParam(name = "prompt",
                    template = "{{ default_instruction }}\n\n{{ context }}\n\nQuestion: {{ question }}")),
            modelB = @Candidate(responseColumn = "model_b_response"))
    void homeGrownModelBeatsBaseline(PairwiseResult result) {
        // Every example answered through the plug-in and judged.
        assertThat(result).hasNoErrors();
        assertThat(result).modelAWinRate().isGreaterThan(0.5);
    }
}
