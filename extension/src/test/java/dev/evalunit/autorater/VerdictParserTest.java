package dev.evalunit.autorater;

import static dev.evalunit.testing.Cases.argumentSet;

import dev.evalunit.api.pairwise.Vote;
import dev.evalunit.json.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
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

    @Nested
    @DisplayName("normalises a choice as the regex version did")
    class NormalisedAsBefore {

        /**
         * The pre-streaming implementation of the choice normalisation (three regexes), kept to pin
         * that the loops that replaced them read every choice the same way.
         */
        static final class Reference {

            private static final Map<String, Vote> CHOICES = Map.of(
                    "A", Vote.A, "RESPONSE A", Vote.A, "MODEL A", Vote.A,
                    "B", Vote.B, "RESPONSE B", Vote.B, "MODEL B", Vote.B,
                    "TIE", Vote.TIE, "BOTH", Vote.TIE, "EQUAL", Vote.TIE);

            private static Optional<Vote> vote(String value) {
                String normalised = value.strip()
                        .replaceAll("^[\\s\"'`*_\\[(]+", "")
                        .replaceAll("[\\s\"'`*_\\])?.!]+$", "")
                        .replaceAll("\\s+", " ")
                        .toUpperCase(Locale.ROOT);
                return Optional.ofNullable(CHOICES.get(normalised));
            }

            private static String notAChoice(String value) {
                String shown = value.strip();
                if (shown.length() > 40) {
                    shown = shown.substring(0, 40) + "...";
                }
                return "the reply's \"choice\" is not A, B or TIE: \"" + shown + "\"";
            }

            /** {@code A}, {@code B} or {@code TIE}, else the failure's message. */
            static String outcome(String choice) {
                return vote(choice).map(Vote::name).orElseGet(() -> notAChoice(choice));
            }
        }

        /** {@code A}, {@code B} or {@code TIE}, else the failure's message. */
        private static String outcome(String reply) {
            try {
                return VerdictParser.parse(reply).shown().name();
            } catch (UnreadableVerdictException e) {
                return e.getMessage();
            }
        }

        private static String json(String choice) {
            return "{\"explanation\": \"x\", \"choice\": " + JsonText.string(choice) + "}";
        }

        static Stream<Arguments> choices() {
            return Stream.of(" **B** ", "(A)", "[tie]", "Response   B.", "model\tA!", "\u2003A", "`A`", "'B'",
                    "\"A\"", "__a__", "*[(`'\"_b_\"'`)]*", "A?!.", "A...", "B)", "((B))", "[Response B]", "**Model A**.",
                    "response\n\tb", "Model\u000bB", "model\fa", "\u001fA\u001c", "\u3000tie\u2002", "A\u2028",
                    "equal!", "BOTH.", "Tie ", " \t\n B \r\n", "tıe", "TİE",
                    // not choices
                    "", "   ", "C", "A or B", "AB", "A B", "Response", "B]x", "A-", "A;", "A:", "~A", "<A>", "{A}",
                    "!A", ".A", "?B", "A(", "[A", "Response\u2003B", "\u00a0A", "A\u00a0", "A\u0085", "A.\u0085",
                    "\u0085A", "A\u200b", "\ufeffA", "A\u0000", "Response_B", "Response*B", "Model \"B\"",
                    "A, because it follows the instruction and stays grounded", "x".repeat(41), "ＡＢ", "Ａ")
                    .map(choice -> argumentSet(JsonText.string(choice), choice));
        }

        @ParameterizedTest
        @MethodSource("choices")
        @DisplayName("in a JSON verdict")
        void inJson(String choice) {
            assertThat(outcome(json(choice))).isEqualTo(Reference.outcome(choice));
        }

        @ParameterizedTest
        @MethodSource("choices")
        @DisplayName("in a choice line")
        void inChoiceLine(String choice) {
            // The line ends at a line break, and a brace would start a search for JSON: both would
            // change the value read, not how it is normalised.
            String value = choice.replaceAll("[\\n\\r\\u0085\\u2028\\u2029{]", "");

            assertThat(outcome("Both are grounded.\nChoice:" + value)).isEqualTo(Reference.outcome(value));
        }

        @Test
        @DisplayName("with any char up to U+3000 (every space and all the decoration) before, after or inside a choice")
        void everyChar() {
            List<String> differences = new ArrayList<>();
            for (int c = 0; c <= 0x3000; c++) {
                char x = (char) c;
                for (String choice : List.of(x + "tie" + x + x, "Model" + x + x + "B")) {
                    String read = outcome(json(choice));
                    String expected = Reference.outcome(choice);
                    if (!read.equals(expected)) {
                        differences.add(String.format("U+%04X in %s: %s, was %s", c, JsonText.string(choice), read, expected));
                    }
                }
            }
            assertThat(differences).isEmpty();
        }

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
                "~ **B** ~|B", "(A)|A", "[tie]|TIE", "Response   B.|B", "`A`|A", "'B'|B", "\"model a\"|A", "**Both**!|TIE"})
        @DisplayName("as a specification: decoration, quotes, emphasis and trailing punctuation ignored")
        void pinned(String choice, Vote expected) throws Exception {
            assertThat(VerdictParser.parse(json(choice)).shown()).isEqualTo(expected);
        }

        @Test
        @DisplayName("as a specification: a tab inside, and a Unicode space around, are spaces")
        void pinnedSpaces() throws Exception {
            assertThat(VerdictParser.parse(json("model\tA!")).shown()).isEqualTo(Vote.A);
            assertThat(VerdictParser.parse(json("\u2003A")).shown()).isEqualTo(Vote.A);
        }

        @Test
        @DisplayName("as a specification: a Unicode space inside, or a no-break space, is not")
        void pinnedNotSpaces() {
            assertThatThrownBy(() -> VerdictParser.parse(json("Response\u2003B")))
                    .isInstanceOf(UnreadableVerdictException.class)
                    .hasMessage("the reply's \"choice\" is not A, B or TIE: \"Response\u2003B\"");
            assertThatThrownBy(() -> VerdictParser.parse(json("\u00a0A")))
                    .isInstanceOf(UnreadableVerdictException.class)
                    .hasMessage("the reply's \"choice\" is not A, B or TIE: \"\u00a0A\"");
        }

        @Test
        @DisplayName("as a specification: a non-choice fails quoting the value stripped, cut at 40 characters")
        void pinnedFailure() {
            assertThatThrownBy(() -> VerdictParser.parse(json("  **A or B**  ")))
                    .isInstanceOf(UnreadableVerdictException.class)
                    .hasMessage("the reply's \"choice\" is not A, B or TIE: \"**A or B**\"");
            assertThatThrownBy(() -> VerdictParser.parse(json("x".repeat(41))))
                    .isInstanceOf(UnreadableVerdictException.class)
                    .hasMessage("the reply's \"choice\" is not A, B or TIE: \"" + "x".repeat(40) + "...\"");
        }
    }
}
