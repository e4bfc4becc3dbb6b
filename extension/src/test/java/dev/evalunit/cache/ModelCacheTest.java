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
        @DisplayName("passes every request to the model, counts each as a call, and writes nothing")
        void passesThrough() throws Exception {
            ModelCache cache = ModelCache.of(CacheMode.OFF, dir);
            ModelClient client = cache.decorate(model, JUDGE);
            client.complete(QUESTION);
            client.complete(QUESTION);

            assertThat(model.calls()).isEqualTo(2);
            assertThat(cache.counts().calls()).isEqualTo(2);
            assertThat(cache.counts().repliesFromCache()).isZero();
            assertThat(entries()).isEmpty();
        }
    }

    @Nested
    @DisplayName("with a model pointed at another endpoint")
    class OtherEndpoint {

        private static final String MISS_HINT = "(evalunit.cache.mode=replay). Point the model back at"
                + " [https://a.example.com/v1], or run once with evalunit.cache.mode=live to record it against"
                + " [https://b.example.com/v1].";

        private ModelClient at(CacheMode mode, String baseUrl) {
            return ModelCache.of(mode, dir).decorate(model, ModelSettings.openAi("judge", baseUrl));
        }

        @Test
        @DisplayName("in replay, gives no reply recorded against the other host, and says which endpoint the cache holds")
        void replayNamesBoth() throws Exception {
            at(CacheMode.LIVE, "https://a.example.com/v1").complete(QUESTION);

            assertThatThrownBy(() -> at(CacheMode.REPLAY, "https://b.example.com/v1").complete(QUESTION))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [judge]: no cached reply for endpoint [https://b.example.com/v1]; the cache holds"
                            + " this request's reply recorded against [https://a.example.com/v1] " + MISS_HINT);
            assertThat(model.calls()).isEqualTo(1);
        }

        @Test
        @DisplayName("in live, calls the new endpoint and keeps both endpoints' replies: pointing back hits again")
        void liveKeepsBoth() throws Exception {
            ModelReply fromA = at(CacheMode.LIVE, "https://a.example.com/v1").complete(QUESTION);
            ModelReply fromB = at(CacheMode.LIVE, "https://b.example.com/v1").complete(QUESTION);

            assertThat(fromB.text()).isEqualTo("reply 2 to Which is better?");
            assertThat(at(CacheMode.REPLAY, "https://a.example.com/v1").complete(QUESTION)).isEqualTo(fromA);
            assertThat(at(CacheMode.REPLAY, "https://b.example.com/v1").complete(QUESTION)).isEqualTo(fromB);
            assertThat(model.calls()).isEqualTo(2);
        }

        @Test
        @DisplayName("on another loopback port (or host name), still hits")
        void loopback() throws Exception {
            ModelReply recorded = at(CacheMode.LIVE, "http://127.0.0.1:50001/v1").complete(QUESTION);

            assertThat(at(CacheMode.REPLAY, "http://localhost:50002/v1").complete(QUESTION)).isEqualTo(recorded);
            assertThat(model.calls()).isEqualTo(1);
        }

        @Test
        @DisplayName("with another model id, misses: nothing was recorded for it, on any endpoint")
        void otherModelId() throws Exception {
            at(CacheMode.LIVE, "https://a.example.com/v1").complete(QUESTION);
            ModelSettings mini = new ModelSettings("judge", ModelSettings.OPENAI, "gpt-4o-mini", "https://a.example.com/v1",
                    null, null, Map.of(), Map.of(), Duration.ofSeconds(60), 0);

            assertThatThrownBy(() -> ModelCache.of(CacheMode.REPLAY, dir).decorate(model, mini).complete(QUESTION))
                    .hasMessage("model [judge]: no cached reply (evalunit.cache.mode=replay)."
                            + " Run once with evalunit.cache.mode=live to record it.");
            assertThat(ModelCache.of(CacheMode.LIVE, dir).decorate(model, mini).complete(QUESTION).text())
                    .isEqualTo("reply 2 to Which is better?");
        }

        @Test
        @DisplayName("an entry of key version 1, which did not record its endpoint, is never served: replay says so, live calls")
        void version1Entry() throws Exception {
            String anyEndpoint = new CacheKeyWriter(JUDGE).anyEndpointHash(QUESTION);
            Files.createDirectories(dir);
            Path segment = Files.writeString(dir.resolve("20250101-000000-000-1-000001.jsonl"), "{\"key\":\"" + anyEndpoint
                    + "\",\"request\":{},\"reply\":{\"text\":\"recorded somewhere\"}}\n");

            assertThatThrownBy(() -> client(CacheMode.REPLAY).complete(QUESTION))
                    .hasMessage("model [judge]: no cached reply for endpoint [http://loopback/v1]; the reply at [" + segment
                            + " line 1] was recorded before the cache recorded endpoints, so it may come from another server"
                            + " (evalunit.cache.mode=replay). Run once with evalunit.cache.mode=live to record it against"
                            + " [http://loopback/v1].");
            assertThat(client(CacheMode.LIVE).complete(QUESTION).text()).isEqualTo("reply 1 to Which is better?");
            assertThat(client(CacheMode.REPLAY).complete(QUESTION).text()).isEqualTo("reply 1 to Which is better?");
        }
    }

    @Nested
    @DisplayName("counts, per evaluation")
    class Counts {

        private ModelCache cache;
        private CacheCounts evaluation;

        /** A client of an evaluation of its own, counting into {@code evaluation}. */
        private ModelClient counted(CacheMode mode) {
            cache = ModelCache.of(mode, dir);
            evaluation = cache.newCounts();
            return cache.countingInto(evaluation).decorate(model, JUDGE);
        }

        @Test
        @DisplayName("replies from the cache and calls made, into the counts the evaluation's clients were made with")
        void counts() throws Exception {
            ModelClient client = counted(CacheMode.LIVE);

            client.complete(QUESTION);
            client.complete(QUESTION);
            client.complete(ModelRequest.ofUser("Which is worse?"));
            client.complete(QUESTION);

            assertThat(evaluation.repliesFromCache()).isEqualTo(2);
            assertThat(evaluation.calls()).isEqualTo(model.calls()).isEqualTo(2);
            assertThat(cache.counts().calls()).as("the run's counts, of clients without their own").isZero();
            assertThat(evaluation.summary()).isEqualTo("2 replies from the cache, 2 calls (cache: live, " + dir + ")");
        }

        @Test
        @DisplayName("in replay, the requests the cache lacks, neither replies nor calls")
        void missing() throws Exception {
            ModelClient client = counted(CacheMode.REPLAY);

            assertThatThrownBy(() -> client.complete(QUESTION)).isInstanceOf(ModelCallException.class);

            assertThat(evaluation.summary()).isEqualTo("0 replies from the cache, 0 calls, 1 not in the cache (cache: replay, " + dir + ")");
        }

        @Test
        @DisplayName("say one reply and one call in the singular")
        void singular() throws Exception {
            ModelClient client = counted(CacheMode.LIVE);

            client.complete(QUESTION);
            client.complete(QUESTION);

            assertThat(evaluation.summary()).startsWith("1 reply from the cache, 1 call (");
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
