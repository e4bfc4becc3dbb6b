package dev.evalunit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.model.ModelSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A cache key")
class CacheKeyTest {

    private static final Map<String, Object> SCHEMA = Map.of("type", "object",
            "properties", Map.of("choice", Map.of("type", "string")), "required", List.of("choice"));

    private static ModelSettings settings(String name, String baseUrl, String apiKey, Map<String, Object> sampling,
                                          Map<String, Object> extra) {
        return new ModelSettings(name, ModelSettings.OPENAI, "gpt-4o", baseUrl, apiKey, "Be brief.", sampling, extra,
                Duration.ofSeconds(60), 4);
    }

    private static ModelSettings judge() {
        return settings("judge", "https://api.example.com/v1", null, ordered("temperature", 0.0, "max_tokens", 256),
                ordered("seed", 7, "stop", null));
    }

    private static ModelRequest request(String prompt, int sampleIndex) {
        return new ModelRequest(List.of(ChatMessage.system("You judge."), ChatMessage.user(prompt)), SCHEMA, "verdict",
                sampleIndex);
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    @Nested
    @DisplayName("names the provider")
    class Providers {

        private ModelSettings onProvider(String provider, Map<String, Object> providerParams) {
            ModelSettings judge = judge();
            return new ModelSettings(judge.name(), provider, judge.model(), judge.baseUrl(), null, judge.systemPrompt(),
                    judge.samplingParams(), judge.extraParams(), judge.timeout(), judge.maxRetries(),
                    judge.rateLimits(), providerParams);
        }

        @Test
        @DisplayName("so that one model name on two providers has two keys")
        void providerName() {
            CacheKey openai = CacheKey.of(judge(), request("Which is better?", 0));
            CacheKey other = CacheKey.of(onProvider("plain-json", Map.of()), request("Which is better?", 0));

            assertThat(other.canonicalJson()).contains(",\"provider\":\"plain-json\",\"response_schema\":");
            assertThat(other.hash()).isNotEqualTo(openai.hash());
        }

        @Test
        @DisplayName("with the provider's own parameters, sorted, only when some are set")
        void providerParams() {
            CacheKey none = CacheKey.of(onProvider("plain-json", Map.of()), request("Which is better?", 0));
            CacheKey some = CacheKey.of(onProvider("plain-json", ordered("style", "terse", "max-words", 40)),
                    request("Which is better?", 0));

            assertThat(none.canonicalJson()).doesNotContain("provider_params");
            assertThat(some.canonicalJson()).contains(",\"provider\":\"plain-json\","
                    + "\"provider_params\":{\"max-words\":40,\"style\":\"terse\"},\"response_schema\":");
            assertThat(some.hash()).isNotEqualTo(none.hash());
        }
    }

    @Nested
    @DisplayName("is stable")
    class Stable {

        @Test
        @DisplayName("the same request gives the same hash in every run: the canonical JSON, keys sorted, no whitespace")
        void golden() {
            CacheKey key = CacheKey.of(judge(), request("Which is better?", 0));

            assertThat(key.canonicalJson()).isEqualTo("{\"endpoint\":\"https://api.example.com/v1\","
                    + "\"extra_params\":{\"seed\":7,\"stop\":null},\"key_version\":2,"
                    + "\"messages\":[{\"content\":\"You judge.\",\"role\":\"system\"},{\"content\":\"Which is better?\",\"role\":\"user\"}],"
                    + "\"model\":\"gpt-4o\",\"model_name\":\"judge\",\"provider\":\"openai\","
                    + "\"response_schema\":{\"properties\":{\"choice\":{\"type\":\"string\"}},\"required\":[\"choice\"],\"type\":\"object\"},"
                    + "\"sample_index\":0,\"sampling_params\":{\"max_tokens\":256,\"temperature\":0.0},"
                    + "\"schema_name\":\"verdict\",\"system_prompt\":\"Be brief.\"}");
            assertThat(key.hash()).isEqualTo(GOLDEN_HASH);
        }

        @Test
        @DisplayName("the order in which parameters were declared does not matter")
        void keyOrder() {
            ModelSettings reordered = settings("judge", "https://api.example.com/v1", null,
                    ordered("max_tokens", 256, "temperature", 0.0), ordered("stop", null, "seed", 7));

            assertThat(CacheKey.of(reordered, request("Which is better?", 0)))
                    .isEqualTo(CacheKey.of(judge(), request("Which is better?", 0)));
        }

        @Test
        @DisplayName("its any-endpoint hash is the key version 1 gave (no endpoint), so an entry recorded then is found")
        void anyEndpointHashIsVersion1() {
            assertThat(new CacheKeyWriter(judge()).anyEndpointHash(request("Which is better?", 0))).isEqualTo(GOLDEN_HASH_V1);
            assertThat(new CacheKeyWriter(settings("judge", "http://127.0.0.1:54321/v1", null,
                    ordered("temperature", 0.0, "max_tokens", 256), ordered("seed", 7, "stop", null)))
                    .anyEndpointHash(request("Which is better?", 0))).as("whatever the endpoint").isEqualTo(GOLDEN_HASH_V1);
        }

        @Test
        @DisplayName("the API key is not part of it, as is or masked")
        void noApiKey() {
            String apiKey = "sk-" + "test-" + UUID.randomUUID();
            ModelSettings withKey = settings("judge", "https://api.example.com/v1", apiKey,
                    ordered("temperature", 0.0, "max_tokens", 256), ordered("seed", 7, "stop", null));

            CacheKey key = CacheKey.of(withKey, request("Which is better?", 0));

            assertThat(key.hash()).isEqualTo(GOLDEN_HASH);
            assertThat(key.canonicalJson()).doesNotContain(apiKey);
        }
    }

    @Nested
    @DisplayName("names the endpoint")
    class Endpoints {

        private CacheKey at(String baseUrl) {
            return CacheKey.of(settings("judge", baseUrl, null, ordered("temperature", 0.0, "max_tokens", 256),
                    ordered("seed", 7, "stop", null)), request("Which is better?", 0));
        }

        @Test
        @DisplayName("so that another host misses: its replies were never recorded against the first one")
        void otherHost() {
            assertThat(at("https://api.other.example/v1").hash()).isNotEqualTo(at("https://api.example.com/v1").hash());
            assertThat(at("https://api.other.example/v1").canonicalJson()).startsWith("{\"endpoint\":\"https://api.other.example/v1\",");
        }

        @Test
        @DisplayName("so that another path, scheme or explicit port on one host misses")
        void otherPathSchemePort() {
            String original = at("https://api.example.com/v1").hash();

            assertThat(at("https://api.example.com/v2").hash()).as("path").isNotEqualTo(original);
            assertThat(at("http://api.example.com/v1").hash()).as("scheme").isNotEqualTo(original);
            assertThat(at("https://api.example.com:8443/v1").hash()).as("port").isNotEqualTo(original);
        }

        @Test
        @DisplayName("as one loopback endpoint whatever the loopback host and port: a stand-in on a random port still hits")
        void loopbackPorts() {
            CacheKey first = at("http://127.0.0.1:54321/v1");

            assertThat(at("http://127.0.0.1:40000/v1")).isEqualTo(first);
            assertThat(at("http://localhost:8080/v1/")).isEqualTo(first);
            assertThat(at("http://[::1]:1234/v1")).isEqualTo(first);
            assertThat(first.canonicalJson()).startsWith("{\"endpoint\":\"http://loopback/v1\",")
                    .doesNotContain("127.0.0.1").doesNotContain("54321");
        }

        @Test
        @DisplayName("without what does not choose the server: case of scheme and host, a default port, a trailing slash")
        void sameEndpoint() {
            assertThat(at("HTTPS://API.Example.com:443/v1/")).isEqualTo(at("https://api.example.com/v1"));
        }

        @Test
        @DisplayName("without credentials or query, which may hold secrets")
        void noCredentials() {
            CacheKey key = at("https://user:hunter2-password@api.example.com/v1?key=s3cret-query");

            assertThat(key).isEqualTo(at("https://api.example.com/v1"));
            assertThat(key.canonicalJson()).doesNotContain("hunter2").doesNotContain("s3cret");
        }
    }

    @Nested
    @DisplayName("changes with what decides the reply")
    class Changes {

        private final CacheKey original = CacheKey.of(judge(), request("Which is better?", 0));

        @Test
        @DisplayName("the sample index: samples and repeats are independent calls")
        void sampleIndex() {
            assertThat(CacheKey.of(judge(), request("Which is better?", 1)).hash()).isNotEqualTo(original.hash());
        }

        @Test
        @DisplayName("the messages")
        void messages() {
            assertThat(CacheKey.of(judge(), request("Which is worse?", 0)).hash()).isNotEqualTo(original.hash());
            ModelRequest asSystem = new ModelRequest(List.of(ChatMessage.system("You judge."),
                    ChatMessage.system("Which is better?")), SCHEMA, "verdict", 0);
            assertThat(CacheKey.of(judge(), asSystem).hash()).as("a role").isNotEqualTo(original.hash());
        }

        @Test
        @DisplayName("the sampling and extra parameters")
        void params() {
            ModelSettings hotter = settings("judge", "https://api.example.com/v1", null,
                    ordered("temperature", 0.7, "max_tokens", 256), ordered("seed", 7, "stop", null));
            ModelSettings otherSeed = settings("judge", "https://api.example.com/v1", null,
                    ordered("temperature", 0.0, "max_tokens", 256), ordered("seed", 8, "stop", null));

            assertThat(CacheKey.of(hotter, request("Which is better?", 0)).hash()).isNotEqualTo(original.hash());
            assertThat(CacheKey.of(otherSeed, request("Which is better?", 0)).hash()).isNotEqualTo(original.hash());
        }

        @Test
        @DisplayName("the model id and the system prompt")
        void modelAndSystemPrompt() {
            ModelSettings otherModel = new ModelSettings("judge", ModelSettings.OPENAI, "gpt-4o-mini",
                    "https://api.example.com/v1", null, "Be brief.", judge().samplingParams(), judge().extraParams(),
                    Duration.ofSeconds(60), 4);
            ModelSettings otherSystem = new ModelSettings("judge", ModelSettings.OPENAI, "gpt-4o",
                    "https://api.example.com/v1", null, "Be thorough.", judge().samplingParams(), judge().extraParams(),
                    Duration.ofSeconds(60), 4);

            assertThat(CacheKey.of(otherModel, request("Which is better?", 0)).hash()).isNotEqualTo(original.hash());
            assertThat(CacheKey.of(otherSystem, request("Which is better?", 0)).hash()).isNotEqualTo(original.hash());
        }

        @Test
        @DisplayName("the response schema and its name")
        void schema() {
            ModelRequest noSchema = new ModelRequest(request("Which is better?", 0).messages(), null, null, 0);
            ModelRequest renamed = new ModelRequest(request("Which is better?", 0).messages(), SCHEMA, "other", 0);

            assertThat(CacheKey.of(judge(), noSchema).hash()).isNotEqualTo(original.hash());
            assertThat(CacheKey.of(judge(), renamed).hash()).isNotEqualTo(original.hash());
        }

        @Test
        @DisplayName("the declared model name: renaming a model records it afresh")
        void declaredName() {
            ModelSettings renamed = settings("judge-local", "https://api.example.com/v1", null,
                    ordered("temperature", 0.0, "max_tokens", 256), ordered("seed", 7, "stop", null));

            assertThat(CacheKey.of(renamed, request("Which is better?", 0)).hash()).isNotEqualTo(original.hash());
        }
    }

    /** SHA-256 of the canonical JSON above, computed outside Java: a changed key layout must change VERSION. */
    private static final String GOLDEN_HASH = "49d49d53ccde0ca82b24c50c8c9ed175fd09e8618aa04e4525e40d2ad22e8877";
    /** The key of version 1 (no endpoint; key_version 1) of the same request, pinned before the endpoint was added. */
    private static final String GOLDEN_HASH_V1 = "b505b2e991ff4fd1007e31a408c29e14777e08d22d0ac23eefe165876b196e39";
}
