package dev.evalunit.cache;

import static dev.evalunit.testing.Cases.argumentSet;

import static dev.evalunit.testing.JsonFixtures.SCORE_SCHEMA;
import static dev.evalunit.testing.JsonFixtures.VERDICT_SCHEMA;
import static dev.evalunit.testing.JsonFixtures.ordered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.model.ModelSettings;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("CacheKeyWriter")
class CacheKeyWriterTest {

    /**
     * The pre-streaming implementation (a tree of all fields, sorted at every depth and printed:
     * the old CacheKey.of and CanonicalJson, without its schema memo), kept to pin that the streamed
     * keys are byte for byte the old ones, so that entries recorded before still hit. Key version 2
     * added the endpoint (as EndpointIdentity writes it); version 1, without it, is still written as
     * the any-endpoint hash.
     */
    static final class Reference {

        private static final ObjectMapper JSON = new ObjectMapper();

        static CacheKey of(ModelSettings settings, ModelRequest request) {
            ObjectNode fields = version1(settings, request);
            fields.put("key_version", 2);
            fields.put("endpoint", EndpointIdentity.of(settings.baseUrl()));
            String canonical = write(fields);
            return new CacheKey(sha256(canonical), canonical);
        }

        static String anyEndpointHash(ModelSettings settings, ModelRequest request) {
            return sha256(write(version1(settings, request)));
        }

        private static ObjectNode version1(ModelSettings settings, ModelRequest request) {
            ObjectNode fields = JSON.createObjectNode();
            fields.put("key_version", 1);
            fields.put("model_name", settings.name());
            fields.put("provider", settings.provider());
            fields.put("model", settings.model());
            fields.put("system_prompt", settings.systemPrompt());
            fields.set("sampling_params", tree(settings.samplingParams()));
            fields.set("extra_params", tree(settings.extraParams()));
            ArrayNode messages = fields.putArray("messages");
            for (ChatMessage message : request.messages()) {
                messages.addObject().put("role", message.role()).put("content", message.content());
            }
            fields.set("response_schema", sorted(tree(request.responseSchema())));
            fields.put("schema_name", request.schemaName());
            fields.put("sample_index", request.sampleIndex());
            return fields;
        }

        private static String write(JsonNode node) {
            try {
                return JSON.writeValueAsString(sorted(node));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static JsonNode sorted(JsonNode node) {
            if (node.isObject()) {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                names.sort(null);
                ObjectNode sorted = JSON.createObjectNode();
                for (String name : names) {
                    sorted.set(name, sorted(node.get(name)));
                }
                return sorted;
            }
            if (node.isArray()) {
                ArrayNode array = JSON.createArrayNode();
                for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                    array.add(sorted(it.next()));
                }
                return array;
            }
            return node;
        }

        private static JsonNode tree(Object value) {
            return value == null ? JSON.nullNode() : JSON.valueToTree(value);
        }

        private static String sha256(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final String TRICKY = "quote \" backslash \\ \b\t\n\f\r nul \u0000 unit \u001f del \u007f é 日本 "
            + "\uD83D\uDE00 lone \uDE00 \u2028 /";

    private static ModelSettings settings(String name, String model, String systemPrompt, Map<String, Object> sampling,
                                          Map<String, Object> extra) {
        return new ModelSettings(name, ModelSettings.OPENAI, model, "https://api.example.com/v1", "${env:KEY}",
                systemPrompt, sampling, extra, Duration.ofSeconds(60), 2);
    }

    private static ModelSettings judge() {
        return settings("judge", "gpt-4o", "Be brief.", ordered("temperature", 0.0, "max_tokens", 256),
                ordered("seed", 7, "stop", null));
    }

    private static ModelRequest request(Map<String, Object> schema, String schemaName, int sampleIndex,
                                        ChatMessage... messages) {
        return new ModelRequest(List.of(messages), schema, schemaName, sampleIndex);
    }

    /** Runs each piece of work on a thread of its own, at once; rethrows the first failure. */
    private static void onThreads(List<Runnable> work) throws Exception {
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(work.size());
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (Runnable each : work) {
                done.add(threads.submit(each));
            }
            for (java.util.concurrent.Future<?> each : done) {
                each.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    static Stream<Arguments> keys() {
        ChatMessage question = ChatMessage.user("Which is better?");
        Map<String, Object> none = Map.of();
        return Stream.of(
                argumentSet("a judge's verdict request", judge(), request(VERDICT_SCHEMA, "verdict", 0, question)),
                argumentSet("another sample of it", judge(), request(VERDICT_SCHEMA, "verdict", 4, question)),
                argumentSet("the largest sample index", judge(), request(null, null, Integer.MAX_VALUE, question)),
                argumentSet("a negative sample index", judge(), request(null, null, -1, question)),
                argumentSet("a system prompt, a user and an assistant message", judge(),
                        request(null, null, 0, ChatMessage.system("You judge."), question, ChatMessage.assistant("A"))),
                argumentSet("no messages", judge(), request(null, null, 0)),
                argumentSet("messages with escapes, unicode and control characters", judge(),
                        request(null, null, 0, ChatMessage.user(TRICKY), new ChatMessage(TRICKY, ""), ChatMessage.assistant("\"\\"))),
                argumentSet("a long message", judge(), request(null, null, 0, ChatMessage.user("line \"x\"\n".repeat(3000)))),
                argumentSet("no system prompt", settings("m", "m", null, none, none), request(null, null, 0, question)),
                argumentSet("no parameters at all", settings("m", "m", "", none, none), request(SCORE_SCHEMA, "score", 1, question)),
                argumentSet("a schema without a name", judge(), request(SCORE_SCHEMA, null, 0, question)),
                argumentSet("a name without a schema", judge(), request(null, "verdict", 0, question)),
                argumentSet("an empty schema and name", judge(), request(Map.of(), "", 0, question)),
                argumentSet("a schema with nulls, nested lists and unsorted keys", judge(),
                        request(ordered("type", "object", "default", null, "Z", 1, "a", 2, "_", 3,
                                "anyOf", List.of(ordered("type", "string", "b", 1, "a", 2), ordered("type", List.of("null", "integer"))),
                                "x-order", Arrays.asList(3, null, TRICKY), TRICKY, ordered(TRICKY, TRICKY)), TRICKY, 0, question)),
                argumentSet("names, model and system prompt needing escapes",
                        settings(TRICKY, TRICKY, TRICKY, ordered(TRICKY, TRICKY), ordered("x\"y", TRICKY)),
                        request(null, null, 0, question)),
                argumentSet("sampling and extra parameters in reverse order",
                        settings("judge", "gpt-4o", "Be brief.", ordered("max_tokens", 256, "temperature", 0.0),
                                ordered("stop", null, "seed", 7)), request(VERDICT_SCHEMA, "verdict", 0, question)),
                argumentSet("parameters with nested maps, lists and nulls",
                        settings("m", "m", null,
                                ordered("temperature", null, "top_p", 0.5, "max_tokens", Integer.MAX_VALUE),
                                ordered("logit_bias", ordered("50256", -100, "1", 2.5, "10", null),
                                        "stop", Arrays.asList("\n", null, "END"),
                                        "metadata", ordered("z", ordered("b", Arrays.asList(1, null, true, List.of()), "a", Map.of()),
                                                "a", List.of(ordered("k", "v", "j", List.of(ordered("y", 1, "x", 2))))))),
                        request(SCORE_SCHEMA, "score", 2, question)),
                argumentSet("numbers of every kind as parameters",
                        settings("m", "m", null, ordered("temperature", 1e-7, "top_p", 1e20),
                                ordered("seed", Long.MAX_VALUE, "big", new BigInteger("123456789012345678901234567890"),
                                        "f", 0.1f, "neg", -0.0, "nan", Double.NaN, "bool", false, "ints", new int[] {2, 1})),
                        request(null, null, 0, question)),
                argumentSet("parameter names sorted by UTF-16 code unit",
                        settings("m", "m", null, ordered("é", 1, "Z", 2, "a", 3, "\uD83D\uDE00", 4, "\uFF21", 5, "_", 6), none),
                        request(null, null, 0, question)));
    }

    @ParameterizedTest
    @MethodSource("keys")
    @DisplayName("writes byte for byte the canonical text, and the hash, of the tree version")
    void asReference(ModelSettings settings, ModelRequest request) {
        CacheKey expected = Reference.of(settings, request);

        assertThat(new CacheKeyWriter(settings).keyOf(request)).isEqualTo(expected);
        assertThat(CacheKey.of(settings, request)).isEqualTo(expected);
        assertThat(new CacheKeyWriter(settings).anyEndpointHash(request)).isEqualTo(Reference.anyEndpointHash(settings, request));
    }

    @Test
    @DisplayName("alternating different schemas on one writer, writes each request's own schema")
    void alternatingSchemas() {
        CacheKeyWriter writer = new CacheKeyWriter(judge());
        ChatMessage question = ChatMessage.user("Which is better?");
        List<ModelRequest> requests = List.of(request(VERDICT_SCHEMA, "verdict", 0, question),
                request(SCORE_SCHEMA, "score", 0, question), request(VERDICT_SCHEMA, "verdict", 1, question),
                request(null, null, 0, question), request(SCORE_SCHEMA, "score", 0, question),
                request(Map.of(), "score", 0, question), request(SCORE_SCHEMA, "verdict", 0, question),
                request(VERDICT_SCHEMA, "verdict", 0, question));

        List<CacheKey> keys = new ArrayList<>();
        for (ModelRequest request : requests) {
            CacheKey key = writer.keyOf(request);
            assertThat(key).isEqualTo(Reference.of(judge(), request));
            keys.add(key);
        }
        assertThat(keys.get(4)).isEqualTo(keys.get(1));
        assertThat(keys.get(7)).isEqualTo(keys.get(0));
        assertThat(keys.stream().map(CacheKey::hash).distinct()).hasSize(6);
    }

    @Test
    @DisplayName("writes a schema equal to the last one but in another key order as the same sorted text")
    void equalSchemaInAnotherOrder() {
        CacheKeyWriter writer = new CacheKeyWriter(judge());
        ModelRequest reasoningFirst = request(ordered("type", "object", "properties", ordered(
                "explanation", Map.of("type", "string"), "choice", Map.of("type", "string"))), "verdict", 0);
        ModelRequest choiceFirst = request(ordered("properties", ordered(
                "choice", Map.of("type", "string"), "explanation", Map.of("type", "string")), "type", "object"), "verdict", 0);

        assertThat(writer.keyOf(reasoningFirst)).isEqualTo(writer.keyOf(choiceFirst)).isEqualTo(Reference.of(judge(), choiceFirst));
    }

    @Nested
    @DisplayName("on the samples of one request (each thread reuses its last two prefixes)")
    class Samples {

        private final ModelSettings judge = judge();

        /** The samples of an autorater's example: two prompts (the answers in both orders), alternating. */
        private List<ModelRequest> samples(String ab, String ba, int count) {
            List<ModelRequest> samples = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                samples.add(request(VERDICT_SCHEMA, "verdict", i, ChatMessage.system("You judge."),
                        ChatMessage.user(i % 2 == 0 ? ab : ba)));
            }
            return samples;
        }

        private void assertAsReference(CacheKeyWriter writer, ModelRequest request) {
            CacheKey key = writer.keyOf(request);
            assertThat(key).as("key of sample %s", request.sampleIndex()).isEqualTo(Reference.of(judge, request));
            assertThat(writer.anyEndpointHash(key)).as("any-endpoint hash of sample %s", request.sampleIndex())
                    .isEqualTo(Reference.anyEndpointHash(judge, request));
        }

        @Test
        @DisplayName("gives every sample of two alternating prompts its own key and any-endpoint hash")
        void alternatingPrompts() {
            CacheKeyWriter writer = new CacheKeyWriter(judge);
            List<ModelRequest> samples = samples("A then B " + TRICKY, "B then A " + TRICKY, 8);

            samples.forEach(sample -> assertAsReference(writer, sample));
            assertThat(samples.stream().map(writer::keyOf).map(CacheKey::hash).distinct()).hasSize(8);
        }

        @Test
        @DisplayName("reuses a prefix for an equal message that is another string, and for nothing that differs from it")
        void equalNotSame() {
            String prompt = "Which is better? " + TRICKY;
            ModelRequest original = request(VERDICT_SCHEMA, "verdict", 0, ChatMessage.user(prompt));
            List<ModelRequest> others = List.of(
                    request(VERDICT_SCHEMA, "verdict", 1, ChatMessage.user(new String(prompt.toCharArray()))),
                    request(VERDICT_SCHEMA, "verdict", 0, ChatMessage.user(prompt + " ")),
                    request(VERDICT_SCHEMA, "verdict", 0, ChatMessage.user(prompt.substring(1))),
                    request(VERDICT_SCHEMA, "verdict", 0, ChatMessage.assistant(prompt)),
                    request(SCORE_SCHEMA, "verdict", 0, ChatMessage.user(prompt)),
                    request(null, "verdict", 0, ChatMessage.user(prompt)),
                    request(VERDICT_SCHEMA, "verdict", 0, ChatMessage.user(prompt), ChatMessage.user(prompt)),
                    request(VERDICT_SCHEMA, "verdict", 0),
                    request(VERDICT_SCHEMA, "score", 0, ChatMessage.user(prompt)),
                    request(VERDICT_SCHEMA, null, 0, ChatMessage.user(prompt)));

            for (ModelRequest other : others) {
                CacheKeyWriter writer = new CacheKeyWriter(judge);
                assertAsReference(writer, original);
                assertAsReference(writer, other);
                assertAsReference(writer, original);
            }
        }

        @Test
        @DisplayName("gives the any-endpoint hash of a key that is not the last of its prefix from the key's text")
        void olderKey() {
            CacheKeyWriter writer = new CacheKeyWriter(judge);
            List<ModelRequest> samples = samples("A then B", "B then A", 6);
            List<CacheKey> keys = samples.stream().map(writer::keyOf).toList();

            for (int i = 0; i < keys.size(); i++) {
                assertThat(writer.anyEndpointHash(keys.get(i))).as("sample %s", i)
                        .isEqualTo(Reference.anyEndpointHash(judge, samples.get(i)));
            }
        }

        @Test
        @DisplayName("gives each of 8 threads sharing one writer the keys and hashes of the reference")
        void threads() throws Exception {
            CacheKeyWriter writer = new CacheKeyWriter(judge);
            List<List<ModelRequest>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                work.add(samples("A then B, example " + t % 3, "B then A, example " + t % 3, 40));
            }
            onThreads(work.stream().<Runnable>map(samples -> () -> samples.forEach(sample -> assertAsReference(writer, sample)))
                    .toList());
        }
    }

    @Nested
    @DisplayName("on the prompts of one template (each thread reuses the head they share)")
    class Templates {

        private static final String INSTRUCTIONS = "You compare two responses to the same request and decide which one "
                + "is better, judging only on the criteria you are given. " + TRICKY + " The order of the responses, "
                + "their labels and their length must not influence you. Reply only with the JSON object asked for.\n";

        private final ModelSettings judge = judge();

        /** The samples of one example of a template: its answers in both orders, alternating. */
        private List<ModelRequest> example(String instructions, int example, int samples) {
            String context = "\nExample " + example + ": é 日本 " + "context ".repeat(example % 5);
            String first = "The first answer of example " + example;
            String second = "The second answer, " + TRICKY;
            List<ModelRequest> requests = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                String ab = context + "\nResponse A: " + (i % 2 == 0 ? first : second)
                        + "\nResponse B: " + (i % 2 == 0 ? second : first) + "\nHow to judge: " + instructions;
                requests.add(request(VERDICT_SCHEMA, "verdict", i, ChatMessage.system(instructions),
                        ChatMessage.user(instructions + ab)));
            }
            return requests;
        }

        private void assertAsReference(CacheKeyWriter writer, ModelRequest request, String what) {
            CacheKey key = writer.keyOf(request);
            assertThat(key).as("key of %s", what).isEqualTo(Reference.of(judge, request));
            assertThat(writer.anyEndpointHash(key)).as("any-endpoint hash of %s", what)
                    .isEqualTo(Reference.anyEndpointHash(judge, request));
        }

        @Test
        @DisplayName("gives every sample of twenty examples of one template its own key and any-endpoint hash")
        void oneTemplate() {
            CacheKeyWriter writer = new CacheKeyWriter(judge);
            List<String> hashes = new ArrayList<>();
            for (int example = 0; example < 20; example++) {
                List<ModelRequest> samples = example(INSTRUCTIONS, example, 4);
                for (ModelRequest sample : samples) {
                    assertAsReference(writer, sample, "example " + example + ", sample " + sample.sampleIndex());
                    hashes.add(writer.keyOf(sample).hash());
                }
            }
            assertThat(hashes).doesNotHaveDuplicates().hasSize(80);
        }

        @Test
        @DisplayName("gives the keys of the reference to prompts of two templates, in turns, and to prompts within a head")
        void templatesInTurn() {
            String other = INSTRUCTIONS.substring(0, 150) + " Other instructions from here: " + TRICKY.repeat(6);
            List<ModelRequest> requests = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                requests.addAll(example(INSTRUCTIONS, round, 3));
                requests.addAll(example(other, round, 3));
                requests.add(request(VERDICT_SCHEMA, "verdict", 0, ChatMessage.system(INSTRUCTIONS),
                        ChatMessage.user(INSTRUCTIONS.substring(0, 100 + round * 60))));
                requests.add(request(VERDICT_SCHEMA, "verdict", 0, ChatMessage.system(INSTRUCTIONS)));
                requests.add(request(VERDICT_SCHEMA, "verdict", 0, ChatMessage.system(INSTRUCTIONS.substring(0, 300 + round)),
                        ChatMessage.user(INSTRUCTIONS)));
                requests.add(request(SCORE_SCHEMA, "score", 1, ChatMessage.system(INSTRUCTIONS), ChatMessage.user(INSTRUCTIONS)));
            }

            CacheKeyWriter writer = new CacheKeyWriter(judge);
            for (int i = 0; i < requests.size(); i++) {
                assertAsReference(writer, requests.get(i), "request " + i);
            }
        }

        @Test
        @DisplayName("gives the keys of the reference to prompts that differ from the settled head in one of its last bytes")
        void nearMisses() {
            CacheKeyWriter writer = new CacheKeyWriter(judge);
            String head = INSTRUCTIONS + "\nExample ";
            for (int example = 0; example < 3; example++) {
                for (ModelRequest sample : example(INSTRUCTIONS, example, 2)) {
                    assertAsReference(writer, sample, "example " + example);
                }
            }
            for (int back = 1; back <= 12; back++) {
                char[] chars = head.toCharArray();
                chars[chars.length - back] = chars[chars.length - back] == '_' ? '-' : '_';
                ModelRequest nearMiss = request(VERDICT_SCHEMA, "verdict", 0, ChatMessage.system(INSTRUCTIONS),
                        ChatMessage.user(new String(chars) + "1: é 日本 \nResponse A: yes\nResponse B: no"));
                assertAsReference(writer, nearMiss, back + " characters from the head's end");
                for (ModelRequest sample : example(INSTRUCTIONS, 10 + back, 2)) {
                    assertAsReference(writer, sample, "example " + (10 + back));
                }
            }
        }

        @Test
        @DisplayName("gives each of 8 threads sharing one writer, two templates in turns, the keys and hashes of the reference")
        void threads() throws Exception {
            CacheKeyWriter writer = new CacheKeyWriter(judge);
            String other = "Another template. " + INSTRUCTIONS;
            List<Runnable> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(() -> {
                    for (int example = 0; example < 12; example++) {
                        String instructions = (example + thread) % 3 == 0 ? other : INSTRUCTIONS;
                        for (ModelRequest sample : example(instructions, example * 8 + thread, 4)) {
                            assertAsReference(writer, sample, "thread " + thread + ", example " + example);
                        }
                    }
                });
            }
            onThreads(work);
        }
    }

    @Nested
    @DisplayName("as a specification")
    class Pinned {

        @Test
        @DisplayName("writes the fields in key order, without whitespace, nulls as null")
        void golden() {
            ModelSettings settings = settings("judge", "gpt-4o", null, ordered("temperature", 0.0, "max_tokens", 256),
                    ordered("stop", List.of("\n"), "meta", ordered("z", null, "a", List.of(ordered("y", 1, "x", 2)))));
            ModelRequest request = request(ordered("type", "object", "required", List.of("b", "a")), null, 2,
                    ChatMessage.system("You \"judge\"."), ChatMessage.user("é\u0001\\"));

            CacheKey key = new CacheKeyWriter(settings).keyOf(request);

            assertThat(key.canonicalJson()).isEqualTo("{\"endpoint\":\"https://api.example.com/v1\","
                    + "\"extra_params\":{\"meta\":{\"a\":[{\"x\":2,\"y\":1}],\"z\":null},"
                    + "\"stop\":[\"\\n\"]},\"key_version\":2,"
                    + "\"messages\":[{\"content\":\"You \\\"judge\\\".\",\"role\":\"system\"},{\"content\":\"é\\u0001\\\\\",\"role\":\"user\"}],"
                    + "\"model\":\"gpt-4o\",\"model_name\":\"judge\",\"provider\":\"openai\","
                    + "\"response_schema\":{\"required\":[\"b\",\"a\"],\"type\":\"object\"},"
                    + "\"sample_index\":2,\"sampling_params\":{\"max_tokens\":256,\"temperature\":0.0},"
                    + "\"schema_name\":null,\"system_prompt\":null}");
            assertThat(key.hash()).isEqualTo(Reference.sha256(key.canonicalJson())).matches("[0-9a-f]{64}");
        }

        @Test
        @DisplayName("writes a request without schema with response_schema null")
        void noSchema() {
            assertThat(new CacheKeyWriter(judge()).keyOf(ModelRequest.ofUser("Hi")).canonicalJson())
                    .contains("\"response_schema\":null,\"sample_index\":0,")
                    .contains("\"schema_name\":null,\"system_prompt\":\"Be brief.\"}");
        }

        @Test
        @DisplayName("gives the same key from one writer as from CacheKey.of, call after call")
        void writerIsReusable() {
            CacheKeyWriter writer = new CacheKeyWriter(judge());
            ModelRequest request = request(VERDICT_SCHEMA, "verdict", 0, ChatMessage.user("Which is better?"));

            CacheKey first = writer.keyOf(request);
            writer.keyOf(ModelRequest.ofUser("other"));

            assertThat(writer.keyOf(request)).isEqualTo(first).isEqualTo(CacheKey.of(judge(), request));
        }
    }
}
