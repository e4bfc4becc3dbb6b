package dev.evalunit.samples;

import static dev.evalunit.assertj.EvalAssertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.Model;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.samples.support.StandInModelServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our own summarizer (the system under test, plain Java, no model) against summaries a model wrote
 * earlier, judged by the {@code judge} model, with human preferences collected for the same pairs.
 */
@ExtendWith(StandInModelServer.class)
// An inline declaration refines the configured judge for this class only: whatever the shared
// junit-platform.properties says, these verdicts are sampled at temperature 0.
@Model(name = "judge", temperature = 0)
class SummarizationEvalTest {

    @PairwiseEval(dataset = "datasets/summaries.csv", task = Task.SUMMARIZATION, idColumns = "id",
            autorater = @Autorater(model = "judge",
                    instruction = @Prompt(template = "{{ default_instruction }}"),
                    context = @Prompt(column = "text")),
            modelA = @Candidate(method = "summarize", params = @PromptParam(name = "prompt", column = "text")),
            modelB = @Candidate(responseColumn = "model_b_response"),
            humanPreferenceColumn = "actual")
    void extractiveSummarizerHoldsItsOwn(PairwiseResult result) {
        assertThat(result).hasNoErrors();
        // Our summarizer wins more than half of the examples outright (ties count against it)...
        assertThat(result).modelAWinRate().isGreaterThan(0.5);
        // ...and the pessimistic end of that rate's 95% interval stays above a quarter: the floor a
        // dozen examples can support (a stricter one needs a bigger dataset, not a luckier run).
        assertThat(result).modelAWinRateCiLow().isGreaterThan(0.25);
        // The judge agrees with people on A, B and tie alike on most examples, so the win rate
        // above is worth gating on.
        assertThat(result).threeClassAccuracy().isGreaterThanOrEqualTo(0.6);
    }

    /**
     * The extractive summarizer: the paragraph's first sentence (news and notices lead with their
     * point) plus the sentence sharing the most words with the rest of the paragraph (its centre).
     */
    static String summarize(String text) {
        List<String> sentences = sentences(text);
        if (sentences.size() <= 2) {
            return text.strip();
        }
        int centre = 1;
        int bestShared = -1;
        for (int i = 1; i < sentences.size(); i++) {
            Set<String> rest = new HashSet<>();
            for (int j = 0; j < sentences.size(); j++) {
                if (j != i) {
                    rest.addAll(words(sentences.get(j)));
                }
            }
            Set<String> shared = new HashSet<>(words(sentences.get(i)));
            shared.retainAll(rest);
            if (shared.size() > bestShared) {
                bestShared = shared.size();
                centre = i;
            }
        }
        return sentences.get(0) + " " + sentences.get(centre);
    }

    private static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        for (String sentence : text.strip().split("(?<=[.!?])\\s+(?=[A-Z0-9])")) {
            if (!sentence.isBlank()) {
                sentences.add(sentence.strip());
            }
        }
        return sentences;
    }

    /** Words of four letters or more: a stop-word list would not earn its keep here. */
    private static Set<String> words(String sentence) {
        return Arrays.stream(sentence.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+"))
                .filter(w -> w.length() >= 4)
                .collect(Collectors.toSet());
    }
}
