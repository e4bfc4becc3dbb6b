package dev.evalunit.metrics;

import dev.evalunit.api.spi.MetricInput;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.evalunit.metrics.Rows.fullRow;
import static dev.evalunit.metrics.Rows.input;
import static dev.evalunit.metrics.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The judge prompts")
class JudgePromptsTest {

    private static final String ANSWER = "It opened in May 1937, after four years of work.";

    private static String prompt(String metric, Map<String, Object> row) {
        JudgeMetric judge = (JudgeMetric) MetricRegistry.load().create(metric, Map.of());
        return judge.prompt(input(row, ANSWER, null));
    }

    @ParameterizedTest(name = "{0} shows {1}")
    @CsvSource(delimiter = '|', value = {
            "judge_precision|query output_true",
            "judge_exactness|query output_true",
            "judge_notator|query output_true",
            "judge_completude|output_true",
            "judge_relevant|query",
            "judge_rambling|query",
            "answer_relevancy|query",
            "faithfulness|retrieval_context",
            "contextual_relevancy|query retrieval_context"})
    @DisplayName("show the judge the answer and the columns the metric needs, and no other")
    void showsWhatTheMetricNeeds(String metric, String shown) {
        List<String> columns = List.of(shown.split(" "));
        String prompt = prompt(metric, fullRow());

        for (String column : List.of("query", "output_true", "context")) {
            String value = fullRow().get(column).toString();
            if (columns.contains(column)) {
                assertThat(prompt).contains("\n" + value + "\n");
            } else {
                assertThat(prompt).doesNotContain(value);
            }
        }
        assertThat(prompt.contains("[1] The bridge opened in 1937.")).isEqualTo(columns.contains("retrieval_context"));
        assertThat(prompt.contains("<answer>\n" + ANSWER + "\n</answer>")).isEqualTo(!metric.equals("contextual_relevancy"));
        assertThat(prompt).doesNotContain("{{");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "judge_precision|'0 | 1'", "judge_notator|<integer from 1 to 10>",
            "judge_completude|<integer from 0 to 100>", "faithfulness|<number from 0 to 1>"})
    @DisplayName("end by asking for the reason first, then the score on the metric's scale, as JSON only")
    void replyFormat(String metric, String shape) {
        String prompt = prompt(metric, fullRow());

        assertThat(prompt).contains("\n\nReply with a JSON object\n{\"reason\": \"...\", \"score\": " + shape + "}\n")
                .endsWith("Write the reason first, then the score. Reply ONLY with the JSON object: no code fence, "
                        + "no text before or after it.\n");
    }

    @Test
    @DisplayName("show a list of retrieved passages numbered, one per paragraph")
    void numberedPassages() {
        String prompt = prompt("contextual_relevancy", fullRow());

        assertThat(prompt).contains("<retrieved_context>\n[1] The bridge opened in 1937.\n\n"
                + "[2] It is painted International Orange.\n</retrieved_context>");
    }

    @Test
    @DisplayName("show a single passage or plain text as is")
    void plainContext() {
        assertThat(prompt("faithfulness", row("retrieval_context", "[\"Only passage.\"]")))
                .contains("<retrieved_context>\nOnly passage.\n</retrieved_context>");
        assertThat(prompt("faithfulness", row("retrieval_context", "[not json] text")))
                .contains("<retrieved_context>\n[not json] text\n</retrieved_context>");
        assertThat(prompt("faithfulness", row("retrieval_context", List.of("a", "b"))))
                .contains("<retrieved_context>\n[1] a\n\n[2] b\n</retrieved_context>");
    }

    @Test
    @DisplayName("let faithfulness read the context when the row has no retrieval context")
    void faithfulnessFallsBack() {
        String prompt = prompt("faithfulness", row("context", "The bridge opened in 1937.", "retrieval_context", ""));

        assertThat(prompt).contains("<retrieved_context>\nThe bridge opened in 1937.\n</retrieved_context>");
    }

    @Nested
    @DisplayName("give each scale its rubric")
    class Rubrics {

        @Test
        @DisplayName("judge_rambling: 1 is no rambling, 10 almost only rambling")
        void rambling() {
            assertThat(prompt("judge_rambling", fullRow()))
                    .contains("- 1: no rambling; everything serves the question.\n")
                    .contains("- 10: almost entirely rambling; little or nothing answers the question.\n");
        }

        @Test
        @DisplayName("judge_notator: anchors from 1 to 10")
        void notator() {
            assertThat(prompt("judge_notator", fullRow()))
                    .contains("- 10: the same meaning as the reference answer")
                    .contains("- 7 to 9:").contains("- 4 to 6:").contains("- 1 to 3:");
        }

        @Test
        @DisplayName("judge_completude: covered pieces over all pieces, times 100")
        void completude() {
            assertThat(prompt("judge_completude", fullRow()))
                    .contains("The score is the number of covered pieces divided by the number of pieces, times 100");
        }
    }

    @Test
    @DisplayName("keep a value that looks like a placeholder as it is")
    void noExpansionOfValues() {
        String prompt = prompt("judge_relevant", row("query", "What does {{ output }} mean?"));

        assertThat(prompt).contains("<question>\nWhat does {{ output }} mean?\n</question>");
    }
}
