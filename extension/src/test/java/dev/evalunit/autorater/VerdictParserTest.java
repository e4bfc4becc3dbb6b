package dev.evalunit.autorater;

import dev.evalunit.api.result.Vote;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("VerdictParser")
class VerdictParserTest {

    @Nested
    @DisplayName("reads a JSON verdict")
    class Json {

        @Test
        @DisplayName("given as plain JSON")
        void plain() throws Exception {
            ParsedVerdict verdict = VerdictParser.parse("{\"explanation\": \"A is grounded.\", \"choice\": \"A\"}");

            assertThat(verdict).isEqualTo(new ParsedVerdict(Vote.A, "A is grounded."));
        }

        @Test
        @DisplayName("inside a ```json code fence")
        void fenced() throws Exception {
            String reply = "```json\n{\n  \"explanation\": \"B covers every key detail.\",\n  \"choice\": \"B\"\n}\n```";

            assertThat(VerdictParser.parse(reply)).isEqualTo(new ParsedVerdict(Vote.B, "B covers every key detail."));
        }

        @Test
        @DisplayName("with prose before and after it")
        void proseAround() throws Exception {
            String reply = "Let me compare the two responses.\n"
                    + "{\"explanation\": \"Both are equally concise {and grounded}.\", \"choice\": \"TIE\"}\n"
                    + "I hope this helps!";

            assertThat(VerdictParser.parse(reply))
                    .isEqualTo(new ParsedVerdict(Vote.TIE, "Both are equally concise {and grounded}."));
        }

        @Test
        @DisplayName("skipping braces in prose and objects without a choice before it")
        void skipsOtherBraces() throws Exception {
            String reply = "Criteria {grounded, concise}. Scores: {\"a\": 3, \"b\": 4}\n"
                    + "{\"explanation\": \"B scores higher.\", \"choice\": \"B\"}";

            assertThat(VerdictParser.parse(reply)).isEqualTo(new ParsedVerdict(Vote.B, "B scores higher."));
        }

        @Test
        @DisplayName("with a line break inside the explanation and a trailing comma")
        void commonSlips() throws Exception {
            String reply = "{\"explanation\": \"A is grounded.\nB invents a date.\", \"choice\": \"A\",}";

            assertThat(VerdictParser.parse(reply)).isEqualTo(new ParsedVerdict(Vote.A, "A is grounded.\nB invents a date."));
        }

        @Test
        @DisplayName("without an explanation, as an empty explanation")
        void noExplanation() throws Exception {
            assertThat(VerdictParser.parse("{\"choice\": \"B\"}")).isEqualTo(new ParsedVerdict(Vote.B, ""));
        }

        @ParameterizedTest(name = "\"{0}\" is {1}")
        @CsvSource(delimiter = '|', value = {
                "A|A", "a|A", "Response A|A", "response a|A", "MODEL A|A", "Model  A|A",
                "B|B", "b|B", "Response B|B", "model b|B",
                "TIE|TIE", "tie|TIE", "Tie|TIE", "both|TIE", "Equal|TIE"})
        @DisplayName("with a choice in any case, also named as a response or a model")
        void choiceVocabulary(String choice, Vote expected) throws Exception {
            assertThat(VerdictParser.parse("{\"explanation\": \"x\", \"choice\": \"" + choice + "\"}").shown())
                    .isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("reads a prose line as a last resort")
    class ChoiceLine {

        @Test
        @DisplayName("Choice: B, keeping the whole reply as the explanation")
        void choiceLine() throws Exception {
            String reply = "Response B answers the question fully.\nChoice: B";

            assertThat(VerdictParser.parse(reply)).isEqualTo(new ParsedVerdict(Vote.B, reply));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"**Choice:** Response A", "Final choice: A.", "- choice: \"a\"", "## Choice: **A**"})
        @DisplayName("also in Markdown, quoted or with a full stop")
        void decorated(String line) throws Exception {
            assertThat(VerdictParser.parse("Both are grounded.\n" + line).shown()).isEqualTo(Vote.A);
        }
    }

    @Nested
    @DisplayName("rejects, with a short reason,")
    class Unreadable {

        @Test
        @DisplayName("an empty reply")
        void empty() {
            assertThatThrownBy(() -> VerdictParser.parse("  \n"))
                    .isInstanceOf(UnreadableVerdictException.class)
                    .hasMessage("the reply is empty");
        }

        @Test
        @DisplayName("a reply of prose only")
        void proseOnly() {
            assertThatThrownBy(() -> VerdictParser.parse("Response A is better because it is grounded."))
                    .isInstanceOf(UnreadableVerdictException.class)
                    .hasMessage("the reply has no JSON object with a \"choice\"");
        }

        @Test
        @DisplayName("a JSON object without a choice")
        void noChoice() {
            assertThatThrownBy(() -> VerdictParser.parse("{\"explanation\": \"A is better\", \"winner\": \"A\"}"))
                    .isInstanceOf(UnreadableVerdictException.class)
                    .hasMessage("the reply has no JSON object with a \"choice\"");
        }

        @Test
        @DisplayName("truncated JSON, even when the choice came before the cut")
        void truncated() {
            assertThatThrownBy(() -> VerdictParser.parse("{\"choice\": \"A\",\n\"explanation\": \"A covers the"))
                    .isInstanceOf(UnreadableVerdictException.class)
                    .hasMessage("the reply's JSON object is not closed (truncated reply?)");
        }

        @Test
        @DisplayName("a choice that is not A, B or TIE")
        void unknownChoice() {
            assertThatThrownBy(() -> VerdictParser.parse("{\"explanation\": \"x\", \"choice\": \"C\"}"))
                    .isInstanceOf(UnreadableVerdictException.class)
                    .hasMessage("the reply's \"choice\" is not A, B or TIE: \"C\"");
        }

        @Test
        @DisplayName("a choice that is not a string")
        void nonTextChoice() {
            assertThatThrownBy(() -> VerdictParser.parse("{\"choice\": 1}"))
                    .isInstanceOf(UnreadableVerdictException.class)
                    .hasMessage("the reply's \"choice\" is not A, B or TIE: \"1\"");
        }

        @Test
        @DisplayName("a choice line that names no answer, quoting at most 40 characters of it")
        void unknownChoiceLine() {
            assertThatThrownBy(() -> VerdictParser.parse(
                    "Choice: A, because it follows the instruction and stays grounded"))
                    .isInstanceOf(UnreadableVerdictException.class)
                    .hasMessage("the reply's \"choice\" is not A, B or TIE: "
                            + "\"A, because it follows the instruction an...\"");
        }
    }
}
