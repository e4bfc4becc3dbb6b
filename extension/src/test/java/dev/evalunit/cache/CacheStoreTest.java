package dev.evalunit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.config.SecretReference;
import dev.evalunit.model.ModelSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The cache's files")
class CacheStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CacheKey KEY = CacheKey.of(ModelSettings.openAi("judge", "http://127.0.0.1:1/v1"),
            ModelRequest.ofUser("Which is better?"));

    private static final SecretMask NO_SECRETS = new SecretMask(new SecretReference(name -> null, name -> null));

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    @DisplayName("are one per entry, at <dir>/<first two hex digits>/<hash>.json, with nothing else left behind")
    void layout() throws IOException {
        new CacheStore(dir, NO_SECRETS).write(KEY, ModelReply.of("A"));

        assertThat(files()).containsExactly(dir.resolve(KEY.hash().substring(0, 2)).resolve(KEY.hash() + ".json"));
    }

    @Test
    @DisplayName("hold the reply and, for people, the request's fields exactly as hashed, with LF line ends")
    void content() throws IOException {
        new CacheStore(dir, NO_SECRETS).write(KEY, new ModelReply("A is better.", 11, 7, Duration.ofMillis(1234)));

        String text = Files.readString(files().get(0));
        JsonNode entry = JSON.readTree(text);
        assertThat(entry.get("request")).isEqualTo(JSON.readTree(KEY.canonicalJson()));
        assertThat(entry.at("/request/messages/0/content").asText()).isEqualTo("Which is better?");
        assertThat(entry.get("reply")).isEqualTo(JSON.readTree(
                "{\"text\": \"A is better.\", \"prompt_tokens\": 11, \"completion_tokens\": 7, \"latency\": \"PT1.234S\"}"));
        assertThat(text).doesNotContain("\r").endsWith("}\n");
    }

    @Test
    @DisplayName("read back what was written, missing usage and latency included")
    void roundTrip() throws Exception {
        CacheStore store = new CacheStore(dir, NO_SECRETS);
        ModelReply bare = new ModelReply("A", null, null, null);
        store.write(KEY, bare);

        assertThat(store.read(KEY)).contains(bare);
        assertThat(new CacheStore(dir.resolve("empty"), NO_SECRETS).read(KEY)).isEmpty();
    }

    @Test
    @DisplayName("take concurrent writers of one key: the entry stays whole and no temporary file remains")
    void concurrentWriters() throws Exception {
        CacheStore store = new CacheStore(dir, NO_SECRETS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String text = "reply " + i + " ".repeat(i * 50);
                writers.add(() -> {
                    store.write(KEY, ModelReply.of(text));
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
        assertThat(store.read(KEY).orElseThrow().text()).startsWith("reply ");
    }
}
