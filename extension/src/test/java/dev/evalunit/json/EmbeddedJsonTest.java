package dev.evalunit.json;

import static dev.evalunit.testing.Cases.argumentSet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("EmbeddedJson")
class EmbeddedJsonTest {

    /**
     * The pre-streaming implementation (each candidate read with {@code readTree}), kept to pin
     * that the streamed one finds the same objects, built the same way.
     */
    static final class Reference {

        private static final JsonMapper JSON = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .build();

        static EmbeddedJson.Search find(String text, String field) {
            boolean unclosed = false;
            int from = text.indexOf('{');
            while (from >= 0) {
                int end = closingBrace(text, from);
                if (end < 0) {
                    unclosed = true;
                    from = text.indexOf('{', from + 1);
                    continue;
                }
                Optional<JsonNode> object = readObject(text.substring(from, end + 1));
                if (object.isPresent() && object.get().has(field)) {
                    return new EmbeddedJson.Search(object, unclosed);
                }
                from = text.indexOf('{', object.isPresent() ? end + 1 : from + 1);
            }
            return new EmbeddedJson.Search(Optional.empty(), unclosed);
        }

        private static Optional<JsonNode> readObject(String candidate) {
            try {
                JsonNode node = JSON.readTree(candidate);
                return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        }

        private static int closingBrace(String text, int open) {
            int depth = 0;
            boolean inString = false;
            for (int i = open; i < text.length(); i++) {
                char c = text.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    static Stream<Arguments> replies() {
        return Stream.of(
                argumentSet("plain JSON", "{\"explanation\": \"A is grounded.\", \"choice\": \"A\"}"),
                argumentSet("in a code fence", "```json\n{\n  \"explanation\": \"B.\",\n  \"choice\": \"B\"\n}\n```"),
                argumentSet("prose around", "Let me see.\n{\"choice\": \"TIE\", \"explanation\": \"equal {really}\"}\nDone!"),
                argumentSet("braces in prose first", "Criteria {grounded, concise}. {\"choice\": \"A\"}"),
                argumentSet("an object without the field first", "Scores: {\"a\": 3, \"b\": 4}\n{\"choice\": \"B\"}"),
                argumentSet("the field only in a nested object", "{\"outer\": {\"choice\": \"A\"}}"),
                argumentSet("a broken object holding a valid one", "{\"note\": oops, \"inner\": {\"choice\": \"A\"}}"),
                argumentSet("a raw line break and a trailing comma", "{\"explanation\": \"A.\nB invents.\", \"choice\": \"A\",}"),
                argumentSet("trailing commas in nested values", "{\"choice\": \"A\", \"tags\": [\"x\", \"y\",], \"m\": {\"k\": 1,},}"),
                argumentSet("a repeated field", "{\"choice\": \"A\", \"explanation\": \"x\", \"choice\": \"B\"}"),
                argumentSet("a null field still counts as present", "{\"choice\": null}"),
                argumentSet("a non-text choice", "{\"choice\": {\"vote\": [1, 2.5, 9223372036854775808]}}"),
                argumentSet("numbers of every size", "{\"choice\": \"A\", \"n\": [1, 2147483648, 9223372036854775808, 0.5, 1e400]}"),
                argumentSet("braces and quotes inside strings", "{\"explanation\": \"a } and a \\\" and a {\", \"choice\": \"B\"}"),
                argumentSet("escapes and unicode", "{\"explanation\": \"caf\\u00e9 \\ud83d\\ude00 日本\", \"choice\": \"A\"}"),
                argumentSet("a truncated object", "{\"choice\": \"A\",\n\"explanation\": \"A covers the"),
                argumentSet("a truncated object after a complete one", "{\"choice\": \"A\"} {\"choice\": \"B\""),
                argumentSet("a truncated object before a complete one", "{\"x\": {\"choice\": \"A\"}"),
                argumentSet("single quotes, not JSON", "{'choice': 'A'}"),
                argumentSet("an unquoted key, not JSON", "{choice: \"A\"}"),
                argumentSet("a comment, not JSON", "{\"choice\": \"A\" /* sure */}"),
                argumentSet("a broken number", "{\"choice\": \"A\", \"n\": 01}"),
                argumentSet("no braces at all", "Response A is better."),
                argumentSet("empty", ""),
                argumentSet("an empty object", "{}"),
                argumentSet("deeply nested", "{\"choice\": " + "[".repeat(200) + "]".repeat(200) + "}"));
    }

    @ParameterizedTest
    @MethodSource("replies")
    @DisplayName("finds what the readTree version found")
    void asReference(String reply) {
        EmbeddedJson.Search found = EmbeddedJson.find(reply, "choice");
        EmbeddedJson.Search expected = Reference.find(reply, "choice");

        assertThat(found.unclosed()).isEqualTo(expected.unclosed());
        assertThat(found.object()).isEqualTo(expected.object());
        assertThat(found.object().map(JsonNode::toString)).isEqualTo(expected.object().map(JsonNode::toString));
    }

    @Nested
    @DisplayName("as a specification")
    class Pinned {

        @Test
        @DisplayName("takes the first object that has the field, tolerating a raw line break and a trailing comma")
        void firstWithField() {
            EmbeddedJson.Search found = EmbeddedJson.find(
                    "Scores: {\"a\": 3}\n```json\n{\"explanation\": \"A.\nB.\", \"choice\": \"A\",}\n```", "choice");

            assertThat(found.object()).map(JsonNode::toString).contains("{\"explanation\":\"A.\\nB.\",\"choice\":\"A\"}");
            assertThat(found.unclosed()).isFalse();
        }

        @Test
        @DisplayName("keeps a repeated field where it first stood, with its last value")
        void repeatedField() {
            assertThat(EmbeddedJson.find("{\"choice\": \"A\", \"x\": 1, \"choice\": \"B\"}", "choice").object())
                    .map(JsonNode::toString).contains("{\"choice\":\"B\",\"x\":1}");
        }

        @Test
        @DisplayName("reports an unclosed object when none with the field is found")
        void unclosed() {
            EmbeddedJson.Search found = EmbeddedJson.find("{\"choice\": \"A\", \"explanation\": \"cut", "choice");

            assertThat(found.object()).isEmpty();
            assertThat(found.unclosed()).isTrue();
        }
    }
}
