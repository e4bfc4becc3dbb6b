package dev.evalunit.provider.openai;

import static dev.evalunit.testing.Cases.argumentSet;

import static dev.evalunit.testing.JsonFixtures.SCORE_SCHEMA;
import static dev.evalunit.testing.JsonFixtures.VERDICT_SCHEMA;
import static dev.evalunit.testing.JsonFixtures.ordered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.model.ModelSettings;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("ChatRequestBody")
class ChatRequestBodyTest {

    /**
     * The pre-streaming implementation (a Jackson tree, printed), kept to pin that the streamed
     * bodies are byte for byte what it sent.
     */
    static final class Reference {

        private static final ObjectMapper JSON = new ObjectMapper();

        static String of(ModelSettings settings, ModelRequest request, boolean structuredOutput) {
            ObjectNode body = JSON.createObjectNode();
            body.put("model", settings.model());
            ArrayNode messages = body.putArray("messages");
            if (settings.systemPrompt() != null) {
                add(messages, ChatMessage.system(settings.systemPrompt()));
            }
            request.messages().forEach(message -> add(messages, message));
            // max_tokens under its successor's name, unless that is set too.
            Map<String, Object> sampling = new LinkedHashMap<>();
            settings.samplingParams().forEach((name, value) -> sampling.put(name.equals("max_tokens")
                    && !settings.samplingParams().containsKey("max_completion_tokens") ? "max_completion_tokens" : name, value));
            putAll(body, sampling);
            if (structuredOutput && request.responseSchema() != null) {
                ObjectNode jsonSchema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
                jsonSchema.put("name", request.schemaName() == null ? "reply" : request.schemaName());
                jsonSchema.set("schema", JSON.valueToTree(request.responseSchema()));
                jsonSchema.put("strict", true);
            }
            putAll(body, settings.extraParams());
            try {
                return JSON.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void add(ArrayNode messages, ChatMessage message) {
            messages.addObject().put("role", message.role()).put("content", message.content());
        }

        private static void putAll(ObjectNode body, Map<String, Object> params) {
            params.forEach((name, value) -> body.set(name, JSON.valueToTree(value)));
        }
    }

    private static ModelSettings settings(String model, String systemPrompt, Map<String, Object> sampling,
                                          Map<String, Object> extra) {
        return new ModelSettings("judge", ModelSettings.OPENAI, model, "https://api.example.com/v1", null, systemPrompt,
                sampling, extra, Duration.ofSeconds(60), 2);
    }

    private static ModelSettings settings(Map<String, Object> sampling, Map<String, Object> extra) {
        return settings("gpt-4o", null, sampling, extra);
    }

    private static ModelRequest user(String prompt) {
        return ModelRequest.ofUser(prompt);
    }

    private static ModelRequest withSchema(Map<String, Object> schema, String schemaName) {
        return new ModelRequest(List.of(ChatMessage.user("Which is better?")), schema, schemaName, 0);
    }

    private static void plainAndStructured(List<Arguments> into, String name, ModelSettings settings,
                                           ModelRequest request) {
        into.add(argumentSet(name + " (plain)", settings, request, false));
        into.add(argumentSet(name + " (structured)", settings, request, true));
    }

    static Stream<Arguments> bodies() {
        List<Arguments> cases = new ArrayList<>();
        Map<String, Object> noParams = Map.of();
        ModelRequest verdict = withSchema(VERDICT_SCHEMA, "verdict");

        plainAndStructured(cases, "one user message, nothing else", settings(noParams, noParams), user("Hello"));
        plainAndStructured(cases, "a system prompt", settings("gpt-4o", "Be brief.", noParams, noParams), user("Hello"));
        plainAndStructured(cases, "a system prompt and a schema", settings("gpt-4o", "Be brief.", noParams, noParams), verdict);
        plainAndStructured(cases, "a conversation", settings("m", "sys", noParams, noParams),
                new ModelRequest(List.of(ChatMessage.system("You judge."), ChatMessage.user("q1"),
                        ChatMessage.assistant("a1"), ChatMessage.user("q2")), VERDICT_SCHEMA, null, 3));
        plainAndStructured(cases, "no messages at all", settings(noParams, noParams),
                new ModelRequest(List.of(), null, null, 0));
        plainAndStructured(cases, "no messages but a system prompt", settings("m", "sys", noParams, noParams),
                new ModelRequest(List.of(), SCORE_SCHEMA, "score", 0));
        plainAndStructured(cases, "sampling parameters", settings(
                ordered("temperature", 0.0, "top_p", 0.95, "max_tokens", 256), noParams), verdict);
        plainAndStructured(cases, "sampling and extra parameters", settings(
                ordered("temperature", 0.7, "max_tokens", 64), ordered("seed", 7, "stop", List.of("\n\n"))), verdict);
        plainAndStructured(cases, "an extra parameter overriding a sampling one in place", settings(
                ordered("temperature", 0.0, "top_p", 1.0, "max_tokens", 10),
                ordered("seed", 1, "temperature", 1.2)), verdict);
        plainAndStructured(cases, "an extra parameter overriding the last sampling one", settings(
                ordered("temperature", 0.0, "max_tokens", 10), ordered("max_tokens", null)), verdict);
        plainAndStructured(cases, "an extra parameter named model", settings(
                ordered("temperature", 0.0), ordered("seed", 3, "model", "gpt-4o-2024-08-06")), verdict);
        plainAndStructured(cases, "a sampling parameter named model", settings(
                ordered("model", "other", "temperature", 0.0), noParams), verdict);
        plainAndStructured(cases, "an extra parameter named messages", settings(
                ordered("temperature", 0.0), ordered("messages", List.of(ordered("role", "user", "content", "forced")))),
                verdict);
        plainAndStructured(cases, "a sampling parameter named messages", settings(
                ordered("messages", null, "temperature", 0.0), noParams), verdict);
        plainAndStructured(cases, "an extra parameter named response_format", settings(
                ordered("temperature", 0.0), ordered("seed", 3, "response_format", ordered("type", "json_object"), "n", 1)),
                verdict);
        plainAndStructured(cases, "a sampling parameter named response_format", settings(
                ordered("response_format", ordered("type", "text"), "temperature", 0.0), ordered("seed", 3)), verdict);
        plainAndStructured(cases, "both kinds named response_format", settings(
                ordered("response_format", "sampling", "temperature", 0.0), ordered("response_format", "extra")), verdict);
        plainAndStructured(cases, "every fixed field overridden by an extra parameter", settings(
                ordered("temperature", 0.0), ordered("response_format", 1, "messages", 2, "model", 3)), verdict);
        plainAndStructured(cases, "null parameter values", settings(
                ordered("temperature", null, "top_p", 0.5), ordered("stop", null, "seed", null)), verdict);
        plainAndStructured(cases, "nested maps and lists as parameter values", settings(
                ordered("max_tokens", 5),
                ordered("logit_bias", ordered("50256", -100, "1", 2.5),
                        "stop", Arrays.asList("\n", null, "END"),
                        "metadata", ordered("a", ordered("b", Arrays.asList(1, null, true, List.of()), "c", Map.of()),
                                "z", List.of(ordered("k", "v"))))), verdict);
        plainAndStructured(cases, "numbers of every kind as parameter values", settings(
                ordered("temperature", 1e-7, "top_p", 1e20, "max_tokens", Integer.MAX_VALUE),
                ordered("seed", Long.MAX_VALUE, "big", new BigInteger("123456789012345678901234567890"), "f", 0.1f,
                        "short", (short) 3, "neg", -0.0, "nan", Double.NaN, "bool", false, "ints", new int[] {1, 2})),
                verdict);
        plainAndStructured(cases, "a schema without a name", settings(ordered("temperature", 0.0), noParams),
                withSchema(SCORE_SCHEMA, null));
        plainAndStructured(cases, "a schema with a name", settings(ordered("temperature", 0.0), noParams),
                withSchema(SCORE_SCHEMA, "score"));
        plainAndStructured(cases, "a schema with nulls and nested lists", settings(noParams, noParams),
                withSchema(ordered("type", "object", "default", null,
                        "anyOf", List.of(ordered("type", "string"), ordered("type", List.of("null", "integer"))),
                        "x-order", Arrays.asList(3, null, "a\"b")), "odd"));
        plainAndStructured(cases, "an empty schema", settings(noParams, noParams), withSchema(Map.of(), ""));
        plainAndStructured(cases, "no schema", settings(ordered("temperature", 0.0), ordered("seed", 1)),
                user("Hello"));

        String tricky = "quote \" backslash \\ \b\t\n\f\r nul \u0000 unit \u001f del \u007f é 日本 \uD83D\uDE00 lone \uDE00 \u2028";
        plainAndStructured(cases, "strings needing escapes everywhere", settings(tricky, tricky,
                ordered(tricky, tricky, "temperature", 0.0), ordered("stop", List.of(tricky), "x\"y", ordered(tricky, tricky))),
                new ModelRequest(List.of(ChatMessage.user(tricky), new ChatMessage(tricky, "\"")),
                        ordered("description", tricky, tricky, 1), tricky, 0));
        plainAndStructured(cases, "a long prompt", settings(noParams, noParams), user("word \"x\"\n".repeat(2000)));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("bodies")
    @DisplayName("writes byte for byte the body the tree version wrote")
    void asReference(ModelSettings settings, ModelRequest request, boolean structured) {
        String expected = Reference.of(settings, request, structured);

        assertThat(ChatRequestBody.of(settings, request, structured)).isEqualTo(expected);
        assertThat(new ChatRequestBody(settings).of(request, structured)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("bodies")
    @DisplayName("writes the same body again from one instance, after the other kind of body and another schema")
    void reusedInstance(ModelSettings settings, ModelRequest request, boolean structured) {
        ChatRequestBody bodies = new ChatRequestBody(settings);
        ModelRequest other = withSchema(SCORE_SCHEMA, "score");

        String first = bodies.of(request, structured);
        bodies.of(request, !structured);
        bodies.of(other, true);
        String again = bodies.of(request, structured);

        assertThat(again).isEqualTo(first).isEqualTo(Reference.of(settings, request, structured));
        assertThat(bodies.of(other, structured)).isEqualTo(Reference.of(settings, other, structured));
    }

    @Nested
    @DisplayName("as a specification")
    class Pinned {

        @Test
        @DisplayName("writes model, messages (system prompt first), sampling parameters, response_format, then extra parameters")
        void fieldOrder() {
            ModelSettings settings = settings("gpt-4o", "Be brief.", ordered("temperature", 0.0, "max_tokens", 256),
                    ordered("seed", 7, "stop", null));

            assertThat(ChatRequestBody.of(settings, withSchema(SCORE_SCHEMA, "score"), true)).isEqualTo("{\"model\":\"gpt-4o\","
                    + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Which is better?\"}],"
                    + "\"temperature\":0.0,\"max_completion_tokens\":256,"
                    + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"score\",\"schema\":"
                    + "{\"type\":\"object\",\"properties\":{\"score\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5}},"
                    + "\"required\":[\"score\"]},\"strict\":true}},"
                    + "\"seed\":7,\"stop\":null}");
        }

        @Test
        @DisplayName("lets an extra parameter override a field where that field stands")
        void overrideInPlace() {
            ModelSettings settings = settings(ordered("temperature", 0.0, "max_tokens", 10),
                    ordered("seed", 1, "temperature", 1.2, "model", "pinned"));

            assertThat(ChatRequestBody.of(settings, user("Hi"), false)).isEqualTo("{\"model\":\"pinned\","
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"temperature\":1.2,\"max_completion_tokens\":10,\"seed\":1}");
        }

        @Test
        @DisplayName("names a schema without a name \"reply\", and leaves response_format out without a schema or when not asked")
        void responseFormat() {
            ModelSettings settings = settings(Map.of(), Map.of());

            assertThat(ChatRequestBody.of(settings, withSchema(Map.of("type", "object"), null), true))
                    .isEqualTo("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Which is better?\"}],"
                            + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"reply\","
                            + "\"schema\":{\"type\":\"object\"},\"strict\":true}}}");
            assertThat(ChatRequestBody.of(settings, user("Hi"), true))
                    .isEqualTo(ChatRequestBody.of(settings, new ModelRequest(List.of(ChatMessage.user("Hi")),
                            Map.of("type", "object"), "s", 0), false))
                    .isEqualTo("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        }

        @Test
        @DisplayName("escapes strings as Jackson does")
        void escapes() {
            assertThat(ChatRequestBody.of(settings(Map.of(), Map.of()), user("a \"b\"\n\\c\u0001é"), false))
                    .isEqualTo("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"a \\\"b\\\"\\n\\\\c\\u0001é\"}]}");
        }

        @Test
        @DisplayName("alternating two different schemas on one instance, sends each its own")
        void alternatingSchemas() {
            ChatRequestBody bodies = new ChatRequestBody(settings(Map.of(), Map.of()));
            List<ModelRequest> requests = List.of(withSchema(VERDICT_SCHEMA, "verdict"), withSchema(SCORE_SCHEMA, "score"),
                    withSchema(VERDICT_SCHEMA, "verdict"), user("no schema"), withSchema(SCORE_SCHEMA, "score"));

            for (ModelRequest request : requests) {
                assertThat(bodies.of(request, true))
                        .contains(request.responseSchema() == null ? "\"content\":\"no schema\"" : "\"name\":\"" + request.schemaName() + "\"")
                        .isEqualTo(Reference.of(settings(Map.of(), Map.of()), request, true));
            }
        }
    }

    @Nested
    @DisplayName("keeps a schema's key order")
    class SchemaOrder {

        // Map.equals ignores key order, so the remembered schema text must not answer for a reordered schema.
        @Test
        @DisplayName("a schema equal to the last one but in another key order in its own order: models read a schema in order")
        void equalSchemaInAnotherOrder() {
            ModelSettings settings = settings(Map.of(), Map.of());
            ChatRequestBody bodies = new ChatRequestBody(settings);
            ModelRequest reasoningFirst = withSchema(ordered("type", "object", "properties", ordered(
                    "explanation", Map.of("type", "string"), "choice", Map.of("type", "string"))), "verdict");
            ModelRequest choiceFirst = withSchema(ordered("type", "object", "properties", ordered(
                    "choice", Map.of("type", "string"), "explanation", Map.of("type", "string"))), "verdict");

            bodies.of(reasoningFirst, true);

            assertThat(bodies.of(choiceFirst, true))
                    .contains("\"properties\":{\"choice\":{\"type\":\"string\"},\"explanation\":{\"type\":\"string\"}}")
                    .isEqualTo(Reference.of(settings, choiceFirst, true));
        }

    }

    @Nested
    @DisplayName("differs from the tree version")
    class Differences {

        /*
         * Not a regression for settings read from configuration (numbers there are Integer, Long,
         * BigInteger or Double), only for a BigDecimal put in programmatically: the tree version
         * normalised it (stripped trailing zeros, 100 -> 1E+2); the streamed one writes it as given.
         */
        @Test
        @DisplayName("in writing a BigDecimal parameter as given, where the tree version stripped its trailing zeros")
        void bigDecimal() {
            ModelSettings settings = settings(ordered("temperature", new BigDecimal("0.50")),
                    ordered("budget", new BigDecimal("100")));

            assertThat(ChatRequestBody.of(settings, user("Hi"), false))
                    .endsWith("\"temperature\":0.50,\"budget\":100}");
            assertThat(Reference.of(settings, user("Hi"), false))
                    .endsWith("\"temperature\":0.5,\"budget\":1E+2}");
        }
    }
}
