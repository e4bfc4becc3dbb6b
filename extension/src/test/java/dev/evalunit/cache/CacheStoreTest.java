package dev.evalunit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.config.SecretReference;
import dev.evalunit.model.ModelSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The cache's files")
class CacheStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelSettings JUDGE = ModelSettings.openAi("judge", "http://127.0.0.1:1/v1");
    private static final CacheKey KEY = CacheKey.of(JUDGE, ModelRequest.ofUser("Which is better?"));
    private static final CacheKey OTHER = CacheKey.of(JUDGE, ModelRequest.ofUser("Which is worse?"));
    private static final String KEY_ANY_ENDPOINT = new CacheKeyWriter(JUDGE).anyEndpointHash(ModelRequest.ofUser("Which is better?"));
    private static final String OTHER_ANY_ENDPOINT = new CacheKeyWriter(JUDGE).anyEndpointHash(ModelRequest.ofUser("Which is worse?"));

    private static final SecretMask NO_SECRETS = new SecretMask(new SecretReference(name -> null, name -> null));

    @TempDir
    Path dir;

    /** Every file but the saved index ({@link SavedIndexTest}). */
    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.startsWith(dir.resolve(SavedIndex.FOLDER))).toList();
        }
    }

    private CacheStore store() {
        return new CacheStore(dir, NO_SECRETS);
    }

    @Nested
    @DisplayName("are append-only segments")
    class Segments {

        @Test
        @DisplayName("one per store that writes, <dir>/<UTC time>-<process>-<n>.jsonl, one line per entry, nothing else left behind")
        void layout() throws IOException {
            CacheStore store = store();
            store.write(KEY, KEY_ANY_ENDPOINT, ModelReply.of("A"));
            store.write(OTHER, OTHER_ANY_ENDPOINT, ModelReply.of("B"));

            assertThat(files()).containsExactly(store.segment());
            assertThat(store.segment().getFileName().toString())
                    .matches("\\d{8}-\\d{6}-\\d{3}-" + ProcessHandle.current().pid() + "-\\d{6}\\.jsonl");
            assertThat(Files.readAllLines(store.segment())).hasSize(2);
        }

        @Test
        @DisplayName("created with the first entry only: a store that only reads creates nothing")
        void lazy() throws Exception {
            assertThat(store().read(KEY)).isEmpty();

            assertThat(files()).isEmpty();
        }

        @Test
        @DisplayName("hold the key first, then the request's hash whatever its endpoint, then for people the request's fields exactly as hashed, then the reply, with LF line ends")
        void content() throws IOException {
            CacheStore store = store();
            store.write(KEY, KEY_ANY_ENDPOINT, new ModelReply("A is better.", 11, 7, Duration.ofMillis(1234)));

            String text = Files.readString(store.segment());
            assertThat(text).startsWith("{\"key\":\"" + KEY.hash() + "\",\"any_endpoint_key\":\"" + KEY_ANY_ENDPOINT
                            + "\",\"request\":" + KEY.canonicalJson() + ",")
                    .endsWith("}\n").doesNotContain("\r");
            JsonNode entry = JSON.readTree(text);
            assertThat(entry.at("/request/messages/0/content").asText()).isEqualTo("Which is better?");
            assertThat(entry.at("/request/endpoint").asText()).isEqualTo("http://loopback/v1");
            assertThat(entry.get("reply")).isEqualTo(JSON.readTree(
                    "{\"text\": \"A is better.\", \"prompt_tokens\": 11, \"completion_tokens\": 7, \"latency\": \"PT1.234S\"}"));
        }

        @Test
        @DisplayName("stay whole across a close: the next entry appends to the same segment")
        void closeThenWrite() throws Exception {
            CacheStore store = store();
            store.write(KEY, KEY_ANY_ENDPOINT, ModelReply.of("A"));
            store.close();
            store.write(OTHER, OTHER_ANY_ENDPOINT, ModelReply.of("B"));
            store.close();

            assertThat(files()).containsExactly(store.segment());
            assertThat(Files.readAllLines(store.segment())).hasSize(2);
            assertThat(store().read(OTHER).orElseThrow().text()).isEqualTo("B");
        }

        @Test
        @DisplayName("keep each run's lines apart: a second store appends to a segment of its own")
        void oneSegmentPerStore() throws IOException {
            CacheStore first = store();
            first.write(KEY, KEY_ANY_ENDPOINT, ModelReply.of("A"));
            CacheStore second = store();
            second.write(OTHER, OTHER_ANY_ENDPOINT, ModelReply.of("B"));

            assertThat(files()).containsExactlyInAnyOrder(first.segment(), second.segment());
        }
    }

    @Nested
    @DisplayName("read back")
    class ReadBack {

        @Test
        @DisplayName("what was written, missing usage and latency included, in the same run and in the next")
        void roundTrip() throws Exception {
            CacheStore store = store();
            ModelReply bare = new ModelReply("A", null, null, null);
            ModelReply full = new ModelReply("B \"quoted\"\n\u00e9\u4e2d\ud83d\ude00", 3, 4, Duration.ofMillis(250));
            store.write(KEY, KEY_ANY_ENDPOINT, bare);
            store.write(OTHER, OTHER_ANY_ENDPOINT, full);

            assertThat(store.read(KEY)).contains(bare);
            assertThat(store().read(KEY)).contains(bare);
            assertThat(store().read(OTHER)).contains(full);
            assertThat(new CacheStore(dir.resolve("empty"), NO_SECRETS).read(KEY)).isEmpty();
        }

        @Test
        @DisplayName("the last entry of a key: a later line, or a later segment, wins")
        void lastWins() throws Exception {
            CacheStore first = store();
            first.write(KEY, KEY_ANY_ENDPOINT, ModelReply.of("first"));
            first.write(KEY, KEY_ANY_ENDPOINT, ModelReply.of("second"));
            assertThat(first.read(KEY).orElseThrow().text()).isEqualTo("second");

            // Segment names start with the time, then the process and a counter: a store created later sorts after.
            store().write(KEY, KEY_ANY_ENDPOINT, ModelReply.of("third"));

            assertThat(store().read(KEY).orElseThrow().text()).isEqualTo("third");
        }

        @Test
        @DisplayName("not a last line cut short by a killed run: it is no entry, and the lines before it still are")
        void tornLine() throws Exception {
            CacheStore store = store();
            store.write(KEY, KEY_ANY_ENDPOINT, ModelReply.of("whole"));
            String half = "{\"key\":\"" + OTHER.hash() + "\",\"request\":{\"mess";
            Files.writeString(store.segment(), half, StandardOpenOption.APPEND);

            CacheStore next = store();
            assertThat(next.read(KEY).orElseThrow().text()).isEqualTo("whole");
            assertThat(next.read(OTHER)).isEmpty();
        }

        @Test
        @DisplayName("as unreadable, naming the segment and line, an entry whose reply is damaged")
        void damagedReply() throws Exception {
            Path segment = Files.createDirectories(dir).resolve("20260101-000000-000-1-1.jsonl");
            Files.writeString(segment, "{\"key\":\"" + OTHER.hash() + "\",\"reply\":{\"text\":\"fine\"}}\n"
                    + "{\"key\":\"" + KEY.hash() + "\",\"request\":{}}\n", StandardCharsets.UTF_8);

            assertThat(store().read(OTHER).orElseThrow().text()).isEqualTo("fine");
            assertThatThrownBy(() -> store().read(KEY))
                    .isInstanceOf(CacheStore.UnreadableEntryException.class)
                    .hasMessage("cached reply [" + segment + " line 2] cannot be read: it has no reply object");
        }

        @Test
        @DisplayName("never for another key that shares the first 128 bits the index keeps: the line's full key is checked")
        void noFalseHit() throws Exception {
            CacheStore store = store();
            store.write(KEY, KEY_ANY_ENDPOINT, ModelReply.of("stored"));
            String twin = KEY.hash().substring(0, 32) + (KEY.hash().charAt(32) == '0' ? '1' : '0') + KEY.hash().substring(33);
            CacheKey sharingHalf = new CacheKey(twin, KEY.canonicalJson());

            assertThat(store.read(sharingHalf)).isEmpty();
            assertThat(store().read(sharingHalf)).isEmpty();
            assertThat(store().read(KEY).orElseThrow().text()).isEqualTo("stored");
            assertThat(store().elsewhere(KEY_ANY_ENDPOINT.substring(0, 63) + (KEY_ANY_ENDPOINT.endsWith("0") ? '1' : '0')))
                    .isEmpty();
        }

        @Test
        @DisplayName("through the index read once, when prepared (as a thread of its own does while the run plans) or at the first look-up")
        void preparedIndex() throws Exception {
            CacheStore prepared = store();
            prepared.prepare();
            CacheStore unprepared = store();

            CacheStore other = store();
            other.write(KEY, KEY_ANY_ENDPOINT, ModelReply.of("written after the index was read"));
            other.close();

            assertThat(prepared.read(KEY)).as("an entry written after prepare()").isEmpty();
            assertThat(unprepared.read(KEY).orElseThrow().text()).isEqualTo("written after the index was read");
        }

        @Test
        @DisplayName("past lines that are not entries (a merge conflict marker, an empty line)")
        void notEntries() throws Exception {
            Path segment = Files.createDirectories(dir).resolve("20260101-000000-000-1-1.jsonl");
            Files.writeString(segment, "<<<<<<< HEAD\n\n{\"key\":\"" + KEY.hash() + "\",\"reply\":{\"text\":\"kept\"}}\n");

            assertThat(store().read(KEY).orElseThrow().text()).isEqualTo("kept");
        }
    }

    @Test
    @DisplayName("take concurrent writers of one key: every line stays whole and the key reads as one of them")
    void concurrentWriters() throws Exception {
        CacheStore store = store();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String text = "reply " + i + " ".repeat(i * 50);
                writers.add(() -> {
                    store.write(KEY, KEY_ANY_ENDPOINT, ModelReply.of(text));
                    // Every read in between sees a whole entry, never a half-written one.
                    assertThat(store.read(KEY)).isPresent();
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(writers, 30, TimeUnit.SECONDS)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(files()).hasSize(1);
        List<String> lines = Files.readAllLines(store.segment());
        assertThat(lines).hasSize(200).allSatisfy(line -> assertThat(JSON.readTree(line).at("/reply/text").asText())
                .startsWith("reply "));
        assertThat(store().read(KEY).orElseThrow().text()).startsWith("reply ");
    }
}
