package dev.evalunit.provider.openai;

import static dev.evalunit.testing.Cases.argumentSet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.provider.openai.ChatResponseParser.ChatCompletion;
import dev.evalunit.provider.openai.ChatResponseParser.MalformedReplyException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("ChatResponseParser")
class ChatResponseParserTest {

    /** A parse's outcome, success or failure, comparable as one value. */
    record Outcome(ChatCompletion completion, String failure, boolean worthQuoting) {
        static Outcome of(ChatCompletion completion) {
            return new Outcome(completion, null, false);
        }

        static Outcome of(MalformedReplyException e) {
            return new Outcome(null, e.getMessage(), e.worthQuoting());
        }
    }

    private static final Outcome NO_CONTENT = new Outcome(null, "no choices[0].message.content", false);
    private static final Outcome NOT_JSON = new Outcome(null, "not JSON", true);

    /**
     * The pre-streaming implementation (the whole body read with {@code readTree}), kept to pin that
     * the streamed parser reads every body as it did.
     */
    static final class Reference {

        private static final ObjectMapper JSON = new ObjectMapper();

        static Outcome parse(String body) {
            JsonNode root;
            try {
                root = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                return NOT_JSON;
            }
            if (root == null) {
                return NO_CONTENT;
            }
            JsonNode choice = root.path("choices").path(0);
            String content = text(choice.path("message").path("content"));
            String refusal = text(choice.path("message").path("refusal"));
            String finishReason = text(choice.path("finish_reason"));
            if (content == null && refusal == null && !ChatResponseParser.notAnAnswer(finishReason)) {
                return NO_CONTENT;
            }
            JsonNode usage = root.path("usage");
            return Outcome.of(new ChatCompletion(content, refusal, finishReason, count(usage.path("prompt_tokens")),
                    count(usage.path("completion_tokens"))));
        }

        private static String text(JsonNode node) {
            return node.isTextual() ? node.asText() : null;
        }

        private static Integer count(JsonNode node) {
            return node.canConvertToInt() && node.isIntegralNumber() ? node.intValue() : null;
        }
    }

    private static Outcome parse(String body) {
        try {
            return Outcome.of(ChatResponseParser.parse(body));
        } catch (MalformedReplyException e) {
            return Outcome.of(e);
        }
    }

    private static String choices(String firstChoice) {
        return "{\"id\":\"chatcmpl-1\",\"choices\":[" + firstChoice + "]}";
    }

    private static String reply(String content, String usage) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":" + content + "},\"finish_reason\":\"stop\"}]"
                + (usage == null ? "" : ",\"usage\":" + usage) + "}";
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                argumentSet("a normal reply", reply("\"Hello!\"", "{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}")),
                argumentSet("usage before choices", "{\"usage\":{\"completion_tokens\":3,\"prompt_tokens\":12},\"choices\":[{\"message\":{\"content\":\"x\"}}]}"),
                argumentSet("missing usage", reply("\"Hello!\"", null)),
                argumentSet("null usage", reply("\"x\"", "null")),
                argumentSet("usage an array", reply("\"x\"", "[12, 3]")),
                argumentSet("usage a string", reply("\"x\"", "\"12\"")),
                argumentSet("usage with only one count", reply("\"x\"", "{\"completion_tokens\":3}")),
                argumentSet("usage with float counts", reply("\"x\"", "{\"prompt_tokens\":12.0,\"completion_tokens\":3.5}")),
                argumentSet("usage with exponent counts", reply("\"x\"", "{\"prompt_tokens\":1e2,\"completion_tokens\":1E0}")),
                argumentSet("usage at the int bounds", reply("\"x\"", "{\"prompt_tokens\":2147483647,\"completion_tokens\":-2147483648}")),
                argumentSet("usage just past the int bounds", reply("\"x\"", "{\"prompt_tokens\":2147483648,\"completion_tokens\":-2147483649}")),
                argumentSet("usage with huge counts", reply("\"x\"", "{\"prompt_tokens\":99999999999999999999999,\"completion_tokens\":9223372036854775807}")),
                argumentSet("usage with string counts", reply("\"x\"", "{\"prompt_tokens\":\"12\",\"completion_tokens\":\"3\"}")),
                argumentSet("usage with null, boolean and object counts", reply("\"x\"", "{\"prompt_tokens\":null,\"completion_tokens\":true,\"total_tokens\":{\"a\":[1]}}")),
                argumentSet("usage with nested details", reply("\"x\"", "{\"prompt_tokens\":5,\"prompt_tokens_details\":{\"cached_tokens\":0,\"prompt_tokens\":99},\"completion_tokens\":2}")),
                argumentSet("usage with negative and zero counts", reply("\"x\"", "{\"prompt_tokens\":-1,\"completion_tokens\":0}")),
                argumentSet("a repeated usage: the last one counts", reply("\"x\"", "{\"prompt_tokens\":1,\"completion_tokens\":2},\"usage\":{\"completion_tokens\":9}")),
                argumentSet("a repeated usage, the last not an object", reply("\"x\"", "{\"prompt_tokens\":1,\"completion_tokens\":2},\"usage\":7")),
                argumentSet("a repeated count: the last one counts", reply("\"x\"", "{\"prompt_tokens\":1,\"prompt_tokens\":4,\"completion_tokens\":2,\"completion_tokens\":\"x\"}")),
                argumentSet("a repeated choices: the last one counts", "{\"choices\":[{\"message\":{\"content\":\"first\"}}],\"choices\":[{\"message\":{\"content\":\"last\"}}]}"),
                argumentSet("a repeated choices, the last without content", "{\"choices\":[{\"message\":{\"content\":\"first\"}}],\"choices\":[{\"message\":{}}]}"),
                argumentSet("a repeated choices, the last not an array", "{\"choices\":[{\"message\":{\"content\":\"first\"}}],\"choices\":{\"0\":1}}"),
                argumentSet("a repeated choices, the first not an array", "{\"choices\":\"none\",\"choices\":[{\"message\":{\"content\":\"last\"}}]}"),
                argumentSet("a repeated message: the last one counts", choices("{\"message\":{\"content\":\"first\"},\"message\":{\"content\":\"last\"}}")),
                argumentSet("a repeated message, the last not an object", choices("{\"message\":{\"content\":\"first\"},\"message\":\"x\"}")),
                argumentSet("a repeated message, the first not an object", choices("{\"message\":[1],\"message\":{\"content\":\"last\"}}")),
                argumentSet("a repeated content: the last one counts", choices("{\"message\":{\"content\":\"first\",\"content\":\"last\"}}")),
                argumentSet("a repeated content, the last not a string", choices("{\"message\":{\"content\":\"first\",\"content\":null}}")),
                argumentSet("a repeated content, the first not a string", choices("{\"message\":{\"content\":{\"a\":1},\"content\":\"last\"}}")),
                argumentSet("later choices present", "{\"choices\":[{\"message\":{\"content\":\"one\"}},{\"message\":{\"content\":\"two\"}},[3],4,null]}"),
                argumentSet("an empty content", reply("\"\"", null)),
                argumentSet("a content with escapes and unicode", reply("\"line\\n\\\"q\\\" \\u00e9 \\ud83d\\ude00 日本\"", null)),
                argumentSet("a large content", reply("\"" + "word ".repeat(20_000) + "\"", null)),
                argumentSet("a content that is JSON text", reply("\"{\\\"choice\\\": \\\"A\\\"}\"", null)),
                argumentSet("content null", reply("null", null)),
                argumentSet("content a number", reply("42", null)),
                argumentSet("content an array of parts", reply("[{\"type\":\"text\",\"text\":\"hi\"}]", null)),
                argumentSet("content missing", choices("{\"message\":{\"role\":\"assistant\"}}")),
                argumentSet("message missing", choices("{\"index\":0}")),
                argumentSet("message null", choices("{\"message\":null}")),
                argumentSet("choices missing", "{\"id\":\"x\",\"usage\":{\"prompt_tokens\":1}}"),
                argumentSet("choices empty", "{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}"),
                argumentSet("choices null", "{\"choices\":null}"),
                argumentSet("choices an object", "{\"choices\":{\"message\":{\"content\":\"x\"}}}"),
                argumentSet("choices a string", "{\"choices\":\"x\"}"),
                argumentSet("first choice a string", "{\"choices\":[\"x\",{\"message\":{\"content\":\"y\"}}]}"),
                argumentSet("first choice null", "{\"choices\":[null,{\"message\":{\"content\":\"y\"}}]}"),
                argumentSet("first choice an array", "{\"choices\":[[{\"message\":{\"content\":\"y\"}}],{\"message\":{\"content\":\"y\"}}],\"usage\":{\"prompt_tokens\":1}}"),
                argumentSet("an error body", "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"),
                argumentSet("broken JSON after the content", reply("\"Hello!\"", "{\"prompt_tokens\":12,")),
                argumentSet("broken JSON in a later choice", "{\"choices\":[{\"message\":{\"content\":\"x\"}},{\"message\":{\"content\":\"y\"]}]}"),
                argumentSet("broken JSON in a skipped field", "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"meta\":{\"a\":[1,}}"),
                argumentSet("a bad escape in a skipped string", "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"meta\":\"\\q\"}"),
                argumentSet("a raw control character in a skipped string", "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"meta\":\"a\u0001b\"}"),
                argumentSet("a bad number in a skipped field", "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"n\":01}"),
                argumentSet("a truncated body", reply("\"Hello!\"", "{\"prompt_tokens\":12}").substring(0, 60)),
                argumentSet("a missing closing brace", reply("\"Hello!\"", null).replaceFirst("}$", "")),
                argumentSet("broken JSON before the content", "{\"id\":x,\"choices\":[{\"message\":{\"content\":\"x\"}}]}"),
                argumentSet("trailing garbage after the root object", reply("\"Hello!\"", "{\"prompt_tokens\":1}") + " trailing } garbage ["),
                argumentSet("a second root object", reply("\"first\"", null) + reply("\"second\"", null)),
                argumentSet("an empty body", ""),
                argumentSet("a blank body", " \n\t"),
                argumentSet("a root array", "[" + reply("\"x\"", null) + "]"),
                argumentSet("a broken root array", "[" + reply("\"x\"", null) + ","),
                argumentSet("a root string", "\"x\""),
                argumentSet("a root number", "42"),
                argumentSet("a root null", "null"),
                argumentSet("an HTML error page", "<html><body>502 Bad Gateway</body></html>"),
                argumentSet("plain text", "Internal Server Error"),
                argumentSet("a refusal without content", choices("{\"message\":{\"content\":null,\"refusal\":\"I can't help with that.\"},\"finish_reason\":\"stop\"}")),
                argumentSet("cut at the token limit", choices("{\"message\":{\"content\":\"Half an ans\"},\"finish_reason\":\"length\"}")),
                argumentSet("filtered without content", choices("{\"message\":{\"content\":null},\"finish_reason\":\"content_filter\"}")),
                argumentSet("a repeated finish_reason: the last one counts", choices("{\"finish_reason\":\"length\",\"message\":{},\"finish_reason\":\"stop\"}")),
                argumentSet("a refusal not a string", choices("{\"message\":{\"refusal\":1}}")),
                argumentSet("200 levels of nesting in a skipped field",
                        "{\"meta\":" + "[".repeat(200) + "]".repeat(200) + ",\"choices\":[{\"message\":{\"content\":\"x\"}}]}"));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    @DisplayName("reads a body as the readTree version did")
    void asReference(String body) {
        assertThat(parse(body)).isEqualTo(Reference.parse(body));
    }

    @Nested
    @DisplayName("as a specification")
    class Pinned {

        @Test
        @DisplayName("reads the first choice's content and the token counts")
        void normal() {
            assertThat(parse(reply("\"Hello!\"", "{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}")))
                    .isEqualTo(Outcome.of(new ChatCompletion("Hello!", null, "stop", 12, 3)));
        }

        @Test
        @DisplayName("gives null counts when usage is missing, or a count is not a whole number that fits an int")
        void counts() {
            assertThat(parse(reply("\"x\"", null))).isEqualTo(Outcome.of(new ChatCompletion("x", null, "stop", null, null)));
            assertThat(parse(reply("\"x\"", "{\"prompt_tokens\":2.0,\"completion_tokens\":2147483648}")))
                    .isEqualTo(Outcome.of(new ChatCompletion("x", null, "stop", null, null)));
            assertThat(parse(reply("\"x\"", "{\"prompt_tokens\":\"7\",\"completion_tokens\":7}")))
                    .isEqualTo(Outcome.of(new ChatCompletion("x", null, "stop", null, 7)));
        }

        @Test
        @DisplayName("takes the last of repeated fields")
        void lastWins() {
            assertThat(parse("{\"choices\":[{\"message\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":1},"
                    + "\"choices\":[{\"message\":{\"content\":\"b\",\"content\":\"c\"}}],\"usage\":{\"completion_tokens\":2}}"))
                    .isEqualTo(Outcome.of(new ChatCompletion("c", null, null, null, 2)));
        }

        @Test
        @DisplayName("fails without a text at choices[0].message.content, not worth quoting the body")
        void noContent() {
            assertThat(parse("{\"choices\":[]}")).isEqualTo(NO_CONTENT);
            assertThat(parse(choices("{\"message\":{\"content\":1}}"))).isEqualTo(NO_CONTENT);
            assertThat(parse("[]")).isEqualTo(NO_CONTENT);
            assertThat(parse("")).isEqualTo(NO_CONTENT);
        }

        @Test
        @DisplayName("fails on broken JSON anywhere in the body, even after the content, worth quoting the body")
        void notJson() {
            assertThat(parse(reply("\"Hello!\"", "{\"prompt_tokens\":"))).isEqualTo(NOT_JSON);
            assertThat(parse("Internal Server Error")).isEqualTo(NOT_JSON);
        }

        @Test
        @DisplayName("ignores what follows the root object, as readTree does")
        void trailingGarbage() {
            assertThat(parse(reply("\"Hello!\"", null) + " }{ garbage"))
                    .isEqualTo(Outcome.of(new ChatCompletion("Hello!", null, "stop", null, null)));
        }
    }

    // An inner array's end must not be taken for the end of choices: the walk then stopped early.
    @Nested
    @DisplayName("reads the rest of the body when choices[0] is an array")
    class FirstChoiceAnArray {

        @Test
        @DisplayName("a later repeated choices still counts")
        void laterChoices() {
            String body = "{\"choices\":[[]],\"choices\":[{\"message\":{\"content\":\"late\"}}]}";

            assertThat(Reference.parse(body)).isEqualTo(Outcome.of(new ChatCompletion("late", null, null, null, null)));
            assertThat(parse(body)).isEqualTo(Reference.parse(body));
        }

        @Test
        @DisplayName("broken JSON after it is still not JSON")
        void brokenAfter() {
            String body = "{\"choices\":[[1]],\"usage\":{\"prompt_tokens\":";

            assertThat(Reference.parse(body)).isEqualTo(NOT_JSON);
            assertThat(parse(body)).isEqualTo(Reference.parse(body));
        }
    }
}
