package dev.evalunit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.model.ModelSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The model cache")
class ModelCacheTest {

    private static final ModelSettings JUDGE = ModelSettings.openAi("judge", "http://127.0.0.1:1/v1");
    private static final ModelRequest QUESTION = ModelRequest.ofUser("Which is better?");

    @TempDir
    Path dir;

    private final ScriptedClient model = new ScriptedClient("judge");

    private ModelClient client(CacheMode mode) {
        return ModelCache.of(mode, dir).decorate(model, JUDGE);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Every line of every segment: one per entry. */
    private List<String> entries() throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        for (Path segment : segments()) {
            lines.addAll(Files.readAllLines(segment));
        }
        return lines;
    }

    private String hash(ModelRequest request) {
        return CacheKey.of(JUDGE, request).hash();
    }

    @Nested
    @DisplayName("in live mode")
    class Live {

        @Test
        @DisplayName("calls on a miss and stores the reply; the same request again is answered from disk, usage and latency included")
        void callsThenReads() throws Exception {
            ModelReply first = client(CacheMode.LIVE).complete(QUESTION);
            ModelReply again = client(CacheMode.LIVE).complete(QUESTION);

            assertThat(model.calls()).isEqualTo(1);
            assertThat(first).isEqualTo(new ModelReply("reply 1 to Which is better?", 11, 7, Duration.ofMillis(1234)));
            assertThat(again).isEqualTo(first);
            assertThat(entries()).hasSize(1);
        }

        @Test
        @DisplayName("keeps samples apart: another sample index is another call")
        void samples() throws Exception {
            ModelClient client = client(CacheMode.LIVE);
            ModelReply sample0 = client.complete(QUESTION);
            ModelReply sample1 = client.complete(new ModelRequest(QUESTION.messages(), null, null, 1));

            assertThat(model.calls()).isEqualTo(2);
            assertThat(sample1.text()).isEqualTo("reply 2 to Which is better?").isNotEqualTo(sample0.text());
        }

        @Test
        @DisplayName("never stores a failure: the next run calls again")
        void errorsNotCached() throws Exception {
            model.failing(true);
            assertThatThrownBy(() -> client(CacheMode.LIVE).complete(QUESTION))
                    .isInstanceOf(ModelCallException.class).hasMessage("model [judge]: HTTP 503 after 1 attempt");
            assertThat(entries()).isEmpty();

            model.failing(false);
            assertThat(client(CacheMode.LIVE).complete(QUESTION).text()).isEqualTo("reply 2 to Which is better?");
            assertThat(model.calls()).isEqualTo(2);
        }

        @Test
        @DisplayName("returns the reply of a call it cannot store, and calls again next time")
        void cannotStore() throws Exception {
            Path notADirectory = Files.writeString(dir.resolve("file"), "");
            ModelClient client = ModelCache.of(CacheMode.LIVE, notADirectory).decorate(model, JUDGE);

            assertThat(client.complete(QUESTION).text()).isEqualTo("reply 1 to Which is better?");
            assertThat(client.complete(QUESTION).text()).isEqualTo("reply 2 to Which is better?");
        }

        @Test
        @DisplayName("takes an unreadable entry for a miss and supersedes it")
        void unreadable() throws Exception {
            client(CacheMode.LIVE).complete(QUESTION);
            Files.writeString(segments().get(0), "{\"key\":\"" + hash(QUESTION) + "\",\"reply\":{\"text\":42}}\n");

            ModelReply reply = client(CacheMode.LIVE).complete(QUESTION);

            assertThat(reply.text()).isEqualTo("reply 2 to Which is better?");
            assertThat(client(CacheMode.REPLAY).complete(QUESTION).text()).isEqualTo("reply 2 to Which is better?");
            assertThat(model.calls()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("with a model whose API key is given by reference")
    class ReferencedKey {

        @Test
        @DisplayName("masks the key wherever it appears, in the reply returned and in the entry")
        void masks() throws Exception {
            String key = "sk-" + "test-" + UUID.randomUUID();
            ModelSettings withKey = new ModelSettings("judge", ModelSettings.OPENAI, "judge", "http://127.0.0.1:1/v1",
                    "${env:JUDGE_KEY}", null, Map.of(), Map.of(), Duration.ofSeconds(1), 0);
            ModelClient client = ModelCache.of(CacheMode.LIVE, dir, environment("JUDGE_KEY", key)).decorate(model, withKey);

            ModelReply reply = client.complete(ModelRequest.ofUser("Repeat " + key));

            assertThat(reply.text()).isEqualTo("reply 1 to Repeat ***");
            assertThat(entries()).singleElement().asString().contains("Repeat ***").doesNotContain(key);
        }

        @Test
        @DisplayName("leaves a placeholder key such as EMPTY alone: it would mask ordinary words")
        void placeholder() throws Exception {
            ModelSettings placeholder = new ModelSettings("judge", ModelSettings.OPENAI, "judge", "http://127.0.0.1:1/v1",
                    "${env:JUDGE_KEY}", null, Map.of(), Map.of(), Duration.ofSeconds(1), 0);
            ModelClient client = ModelCache.of(CacheMode.LIVE, dir, environment("JUDGE_KEY", "EMPTY")).decorate(model, placeholder);

            assertThat(client.complete(ModelRequest.ofUser("Is the box EMPTY?")).text()).isEqualTo("reply 1 to Is the box EMPTY?");
        }

        private static SecretReference environment(String name, String value) {
            return new SecretReference(Map.of(name, value)::get, path -> null);
        }
    }

    @Nested
    @DisplayName("in replay mode")
    class Replay {

        @Test
        @DisplayName("answers what live mode recorded without calling")
        void hit() throws Exception {
            ModelReply recorded = client(CacheMode.LIVE).complete(QUESTION);

            assertThat(client(CacheMode.REPLAY).complete(QUESTION)).isEqualTo(recorded);
            assertThat(model.calls()).isEqualTo(1);
        }

        @Test
        @DisplayName("fails a miss without calling, naming the model and how to record it, and writes nothing")
        void miss() throws IOException {
            assertThatThrownBy(() -> client(CacheMode.REPLAY).complete(QUESTION))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [judge]: no cached reply (evalunit.cache.mode=replay)."
                            + " Run once with evalunit.cache.mode=live to record it.");
            assertThat(model.calls()).isZero();
            assertThat(entries()).isEmpty();
        }

        @Test
        @DisplayName("fails an unreadable entry, naming its segment and line")
        void unreadable() throws Exception {
            client(CacheMode.LIVE).complete(QUESTION);
            Path segment = segments().get(0);
            Files.writeString(segment, "{\"key\":\"" + hash(QUESTION) + "\",\"request\": {}}\n");

            assertThatThrownBy(() -> client(CacheMode.REPLAY).complete(QUESTION))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [judge]: cached reply [" + segment + " line 1] cannot be read: it has no reply object"
                            + " (evalunit.cache.mode=replay). Run once with evalunit.cache.mode=live to record it again.");
            assertThat(model.calls()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("in record mode")
    class Record {

        @Test
        @DisplayName("always calls, and its entry supersedes the old one")
        void overwrites() throws Exception {
            client(CacheMode.LIVE).complete(QUESTION);

            ModelReply recorded = client(CacheMode.RECORD).complete(QUESTION);

            assertThat(model.calls()).isEqualTo(2);
            assertThat(recorded.text()).isEqualTo("reply 2 to Which is better?");
            assertThat(client(CacheMode.REPLAY).complete(QUESTION)).isEqualTo(recorded);
            assertThat(entries()).hasSize(2);
        }

        @Test
        @DisplayName("keeps the old entry when the call fails")
        void failureKeepsEntry() throws Exception {
            ModelReply old = client(CacheMode.LIVE).complete(QUESTION);
            model.failing(true);

            assertThatThrownBy(() -> client(CacheMode.RECORD).complete(QUESTION)).isInstanceOf(ModelCallException.class);
            assertThat(client(CacheMode.REPLAY).complete(QUESTION)).isEqualTo(old);
        }
    }

    @Nested
    @DisplayName("in off mode")
    class Off {

        @Test
        @DisplayName("leaves the client as it is and writes nothing")
        void passesThrough() throws Exception {
            ModelClient client = client(CacheMode.OFF);
            client.complete(QUESTION);
            client.complete(QUESTION);

            assertThat(client).isSameAs(model);
            assertThat(model.calls()).isEqualTo(2);
            assertThat(entries()).isEmpty();
        }
    }

    @Nested
    @DisplayName("configured")
    class Configured {

        @Test
        @DisplayName("defaults to live mode in .evalunit/cache under the working directory")
        void defaults() {
            ModelCache cache = ModelCache.from(EvalConfig.empty());

            assertThat(cache.mode()).isEqualTo(CacheMode.LIVE);
            assertThat(cache.directory()).isEqualTo(Path.of("").toAbsolutePath().resolve(".evalunit/cache"));
        }

        @Test
        @DisplayName("reads the mode, in any case, and the directory")
        void reads() {
            ModelCache cache = ModelCache.from(EvalConfig.of(Map.of("evalunit.cache.mode", " Replay ",
                    "evalunit.cache.dir", dir.toString())));

            assertThat(cache.mode()).isEqualTo(CacheMode.REPLAY);
            assertThat(cache.directory()).isEqualTo(dir.toAbsolutePath());
        }

        @Test
        @DisplayName("rejects an unknown mode, naming the key and the value")
        void unknownMode() {
            assertThatThrownBy(() -> ModelCache.from(EvalConfig.of(Map.of("evalunit.cache.mode", "x"))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.cache.mode] must be live, replay, record or off, but was 'x'.");
        }
    }
}
