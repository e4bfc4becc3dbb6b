package dev.evalunit.samples.plugins;

import static dev.evalunit.assertj.EvalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.dataset.DatasetLoader;
import dev.evalunit.dataset.IdColumns;
import dev.evalunit.samples.support.StandInModelServer;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dataset source from outside evalunit, {@link TextFolderDatasetSource}, plugged in by its services
 * file alone: an evaluation reads its examples from a folder of text files, and a mistake in one of
 * those files is reported at that file.
 */
@DisplayName("A dataset source plugged in from outside the engine")
class TextFolderDatasetSourceTest {

    @Nested
    @DisplayName("feeds an evaluation")
    @ExtendWith(StandInModelServer.class)
    class Evaluation {

        @PairwiseEval(dataset = "textdir:datasets/warranty", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge",
                        instruction = @Prompt(template = "Answer the question: {{ question }}"),
                        context = @Prompt(column = "context")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(name = "prompt",
                        template = "{{ default_instruction }}\n\n{{ context }}\n\nQuestion: {{ question }}")),
                modelB = @Candidate(responseColumn = "model_b_response"))
        void candidateBeatsInventedAnswers(PairwiseResult result) {
            // Every file of the folder became an example, in name order, and was judged.
            assertThat(result).hasNoErrors();
            Assertions.assertThat(result.judgments()).extracting(judgment -> judgment.ids().get("id"))
                    .containsExactly("w01", "w02", "w03");
            // The baseline's answers invent their facts; the candidate quotes the context.
            assertThat(result).modelAWinRate().isGreaterThan(0.5);
        }
    }

    @Nested
    @DisplayName("has its mistakes reported at its own locations")
    class Mistakes {

        private final DatasetLoader datasets = new DatasetLoader(getClass().getClassLoader(), Path.of(""));

        @Test
        @DisplayName("a malformed line, at the file and line the source names")
        void malformedLine() {
            assertThatThrownBy(() -> datasets.load("textdir:datasets/warranty-broken"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: dataset [textdir:datasets/warranty-broken] file q02.txt line 2"
                            + " is not a column: value pair. Write one pair a line.");
        }

        @Test
        @DisplayName("an example without an id, at its file")
        void missingId() {
            Dataset dataset = datasets.load("textdir:datasets/warranty-missing-id");

            assertThatThrownBy(() -> IdColumns.checkIds(dataset, List.of("id")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: dataset [textdir:datasets/warranty-missing-id] file q02.txt"
                            + " has no value for id column [id]. Give every example an id.");
        }

        @Test
        @DisplayName("an unknown scheme, listing this source beside the engine's")
        void unknownScheme() {
            assertThatThrownBy(() -> datasets.load("textfolder:datasets/warranty"))
                    .hasMessage("Configuration error: dataset [textfolder:datasets/warranty] has an unknown format."
                            + " Use a reference that one of the dataset sources accepts: CSV with a header row (.csv),"
                            + " JSON Lines (.jsonl, .ndjson), folders of text files (textdir:<folder>).");
        }
    }
}
