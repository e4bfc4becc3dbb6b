package dev.evalunit.metrics;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("JudgeReplyParser")
class JudgeReplyParserTest {

    private static JudgeScore scale(String reply) throws UnreadableReplyException {
        return JudgeReplyParser.parse(reply, false);
    }

    private static JudgeScore binary(String reply) throws UnreadableReplyException {
        return JudgeReplyParser.parse(reply, true);
    }

    @Nested
    @DisplayName("reads a JSON object with a score")
    class Json {

        @Test
        @DisplayName("given as plain JSON, with its reason")
        void plain() throws Exception {
            assertThat(scale("{\"reason\": \"Close in meaning.\", \"score\": 8}"))
                    .isEqualTo(new JudgeScore(8, "Close in meaning."));
        }

        @Test
        @DisplayName("inside a ```json code fence")
        void fenced() throws Exception {
            assertThat(scale("```json\n{\n  \"reason\": \"Covers 3 of 4.\",\n  \"score\": 0.75\n}\n```"))
                    .isEqualTo(new JudgeScore(0.75, "Covers 3 of 4."));
        }

        @Test
        @DisplayName("with prose around it, and braces and other objects before it")
        void prose() throws Exception {
            String reply = "Criteria {relevance}. Counts: {\"relevant\": 3}\n"
                    + "Here is my verdict: {\"reason\": \"Mostly {on} topic.\", \"score\": 7}\nThanks!";

            assertThat(scale(reply)).isEqualTo(new JudgeScore(7, "Mostly {on} topic."));
        }

        @Test
        @DisplayName("after a reasoning model's thinking, ignoring drafts in it")
        void thinking() throws Exception {
            String reply = "<think>Draft: {\"score\": 3}. No, better is 9.</think>\n{\"reason\": \"On topic.\", \"score\": 9}";

            assertThat(scale(reply)).isEqualTo(new JudgeScore(9, "On topic."));
        }

        @Test
        @DisplayName("with the reason as \"explanation\", or none")
        void reasonKeys() throws Exception {
            assertThat(scale("{\"explanation\": \"Why.\", \"score\": 2}")).isEqualTo(new JudgeScore(2, "Why."));
            assertThat(scale("{\"score\": 2}")).isEqualTo(new JudgeScore(2, ""));
        }

        @Test
        @DisplayName("with a line break inside the reason and a trailing comma")
        void commonSlips() throws Exception {
            assertThat(scale("{\"reason\": \"First.\nSecond.\", \"score\": 4,}"))
                    .isEqualTo(new JudgeScore(4, "First.\nSecond."));
        }

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource(delimiter = '|', value = {"\"8\"|8", "\" 85% \"|85", "\"0.5\"|0.5", "-2|-2", "1e1|10"})
        @DisplayName("with the score as a number or a string holding one")
        void numericScores(String score, double expected) throws Exception {
            assertThat(scale("{\"reason\": \"r\", \"score\": " + score + "}").score()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource(delimiter = '|', value = {"true|1", "false|0", "\"yes\"|1", "\"No.\"|0", "\"TRUE\"|1", "1|1"})
        @DisplayName("for a 0/1 metric, also as a boolean or yes/no")
        void binaryScores(String score, double expected) throws Exception {
            assertThat(binary("{\"reason\": \"r\", \"score\": " + score + "}").score()).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', value = {"7|7", "' 7.\n'|7", "\"0.25\"|0.25", "85%|85", "**1**|1"})
    @DisplayName("reads a reply that is only a number, as EvalAP's judges reply")
    void bareNumber(String reply, double expected) throws Exception {
        assertThat(scale(reply)).isEqualTo(new JudgeScore(expected, ""));
    }

    @Nested
    @DisplayName("rejects, with a short reason")
    class Rejects {

        @ParameterizedTest(name = "[{0}]")
        @CsvSource(delimiter = '|', value = {"''", "'  \n'"})
        @DisplayName("an empty reply")
        void empty(String reply) {
            assertThatThrownBy(() -> scale(reply)).isInstanceOf(UnreadableReplyException.class).hasMessage("it is empty");
        }

        @Test
        @DisplayName("a null reply")
        void nullReply() {
            assertThatThrownBy(() -> scale(null)).hasMessage("it is empty");
        }

        @Test
        @DisplayName("a reply with only thinking")
        void onlyThinking() {
            assertThatThrownBy(() -> scale("<think>{\"score\": 3}</think>"))
                    .hasMessage("it holds only the judge's thinking, no score");
        }

        @Test
        @DisplayName("prose, even with a number in it")
        void prose() {
            assertThatThrownBy(() -> scale("I would give this answer a 7 out of 10."))
                    .hasMessage("it has no JSON object with a \"score\"");
        }

        @Test
        @DisplayName("JSON objects without a score")
        void noScore() {
            assertThatThrownBy(() -> scale("{\"reason\": \"fine\", \"rating\": 7}"))
                    .hasMessage("it has no JSON object with a \"score\"");
        }

        @Test
        @DisplayName("a truncated object")
        void unclosed() {
            assertThatThrownBy(() -> scale("{\"reason\": \"The answer covers"))
                    .hasMessage("its JSON object is not closed (truncated reply?)");
        }

        @Test
        @DisplayName("a score that is not a number")
        void notANumber() {
            assertThatThrownBy(() -> scale("{\"reason\": \"r\", \"score\": \"high\"}"))
                    .hasMessage("its \"score\" is not a number: \"high\"");
            assertThatThrownBy(() -> scale("{\"reason\": \"r\", \"score\": null}"))
                    .hasMessage("its \"score\" is not a number: \"null\"");
            assertThatThrownBy(() -> scale("{\"reason\": \"r\", \"score\": \"8/10\"}"))
                    .hasMessage("its \"score\" is not a number: \"8/10\"");
        }

        @Test
        @DisplayName("a boolean or yes/no on a scale that is not 0/1")
        void booleanOnScale() {
            assertThatThrownBy(() -> scale("{\"reason\": \"r\", \"score\": true}"))
                    .hasMessage("its \"score\" is not a number: \"true\"");
            assertThatThrownBy(() -> binary("{\"reason\": \"r\", \"score\": \"maybe\"}"))
                    .hasMessage("its \"score\" is not a number, yes or no: \"maybe\"");
        }
    }
}
