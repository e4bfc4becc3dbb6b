package dev.evalunit.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("DefaultInstructions")
class DefaultInstructionsTest {

    @Test
    @DisplayName("asks question answering to answer from the context")
    void questionAnswering() {
        assertThat(DefaultInstructions.forTask(Task.QUESTION_ANSWERING)).isEqualTo(
                "Answer the question fully and directly, using only information from the context. "
                        + "If the context does not contain the answer, say so.");
    }

    @Test
    @DisplayName("asks summarization for a concise summary of the text")
    void summarization() {
        assertThat(DefaultInstructions.forTask(Task.SUMMARIZATION)).isEqualTo(
                "Summarize the text concisely, capturing its key points. Use only information from the text.");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Task.class)
    @DisplayName("gives every task a short instruction without placeholders")
    void everyTask(Task task) {
        String instruction = DefaultInstructions.forTask(task);

        assertThat(instruction).isNotBlank().hasSizeLessThan(200).doesNotContain("{{");
        assertThat(PromptTemplate.parse(instruction).placeholders()).isEmpty();
    }
}
