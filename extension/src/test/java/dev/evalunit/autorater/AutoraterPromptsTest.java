package dev.evalunit.autorater;

import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.Position;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("AutoraterPrompts")
class AutoraterPromptsTest {

    private static final AutoraterInput INPUT = new AutoraterInput(
            "Summarize the article in two sentences.", "The article text.", "ANSWER OF MODEL A", "ANSWER OF MODEL B");

    @Nested
    @DisplayName("the user prompt")
    class UserPrompt {

        @Test
        @DisplayName("for summarization states the task and its four criteria")
        void summarizationCriteria() {
            String prompt = AutoraterPrompts.render(Task.SUMMARIZATION, INPUT, Position.AB);

            assertThat(prompt)
                    .contains("Compare two responses to a summarization task")
                    .contains("1. Follows the instruction:", "2. Grounded:", "3. Comprehensive:", "4. Concise:")
                    .doesNotContain("Relevant:", "Fully answers the question:");
        }

        @Test
        @DisplayName("for question answering states the task and its four criteria")
        void questionAnsweringCriteria() {
            String prompt = AutoraterPrompts.render(Task.QUESTION_ANSWERING, INPUT, Position.AB);

            assertThat(prompt)
                    .contains("Compare two responses to a question answering task")
                    .contains("1. Fully answers the question:", "2. Grounded:", "3. Relevant:", "4. Comprehensive:")
                    .doesNotContain("Concise:", "Follows the instruction:");
        }

        @Test
        @DisplayName("shows the instruction, the context and the answers in order AB")
        void positionAB() {
            String prompt = AutoraterPrompts.render(Task.SUMMARIZATION, INPUT, Position.AB);

            assertThat(prompt).containsSubsequence(
                    "Instruction\n<instruction>\nSummarize the article in two sentences.\n</instruction>",
                    "Context\n<context>\nThe article text.\n</context>",
                    "Response A\n<response_a>\nANSWER OF MODEL A\n</response_a>",
                    "Response B\n<response_b>\nANSWER OF MODEL B\n</response_b>");
        }

        @Test
        @DisplayName("in position BA shows the original B as Response A")
        void positionBA() {
            String prompt = AutoraterPrompts.render(Task.SUMMARIZATION, INPUT, Position.BA);

            assertThat(prompt).containsSubsequence(
                    "Response A\n<response_a>\nANSWER OF MODEL B\n</response_a>",
                    "Response B\n<response_b>\nANSWER OF MODEL A\n</response_b>");
        }

        @Test
        @DisplayName("says so when there is no context")
        void noContext() {
            AutoraterInput noContext = new AutoraterInput("What is 2 + 2?", "", "4", "5");

            assertThat(AutoraterPrompts.render(Task.QUESTION_ANSWERING, noContext, Position.AB)).contains(
                    "<context>\n(no context was given: judge groundedness against the instruction alone)\n</context>");
        }

        @Test
        @DisplayName("asks to judge each criterion, then choose, and to reply only with the JSON verdict")
        void replyInstructions() {
            String prompt = AutoraterPrompts.render(Task.SUMMARIZATION, INPUT, Position.AB);

            assertThat(prompt)
                    .containsSubsequence("For each criterion", "choose the better response")
                    .contains("{\"explanation\": \"...\", \"choice\": \"A\" | \"B\" | \"TIE\"}")
                    .contains("Reply ONLY with the JSON object");
        }

        @Test
        @DisplayName("contains the marker line that tells autorater calls from generation calls")
        void marker() {
            for (Task task : Task.values()) {
                assertThat(AutoraterPrompts.render(task, INPUT, Position.BA).lines())
                        .contains("Reply with a JSON object");
            }
        }

        @Test
        @DisplayName("is the same length in both positions")
        void sameLength() {
            assertThat(AutoraterPrompts.render(Task.SUMMARIZATION, INPUT, Position.BA))
                    .hasSameSizeAs(AutoraterPrompts.render(Task.SUMMARIZATION, INPUT, Position.AB));
        }
    }

    @Test
    @DisplayName("the system message starts with the judge marker")
    void systemMessage() {
        assertThat(AutoraterPrompts.SYSTEM_MESSAGE).startsWith("You are an impartial judge");
    }

    @Test
    @DisplayName("the response schema requires an explanation and a choice of A, B or TIE, nothing else")
    void schema() {
        assertThat(AutoraterPrompts.SCHEMA_NAME).isEqualTo("pairwise_verdict");
        assertThat(AutoraterPrompts.responseSchema()).isEqualTo(Map.of(
                "type", "object",
                "properties", Map.of(
                        "explanation", Map.of("type", "string"),
                        "choice", Map.of("type", "string", "enum", List.of("A", "B", "TIE"))),
                "required", List.of("explanation", "choice"),
                "additionalProperties", false));
    }

    @Test
    @DisplayName("the schema lists the explanation before the choice, so that a judge reasons before it chooses")
    @SuppressWarnings("unchecked")
    void schemaOrder() {
        Map<String, Object> properties = (Map<String, Object>) AutoraterPrompts.responseSchema().get("properties");

        assertThat(properties.keySet()).containsExactly("explanation", "choice");
    }
}
