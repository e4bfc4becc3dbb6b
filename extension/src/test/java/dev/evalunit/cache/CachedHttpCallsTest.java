package dev.evalunit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.config.SecretReference;
import dev.evalunit.http.Backoff;
import dev.evalunit.model.ModelClients;
import dev.evalunit.model.ModelSettings;
import dev.evalunit.testing.ChatServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Cached calls over HTTP")
class CachedHttpCallsTest {

    // Built at run time so that no key-shaped literal is committed.
    private static final String KEY = "sk-" + "test-" + UUID.randomUUID();
    private static final SecretReference SECRETS = new SecretReference(name -> name.equals("CACHE_TEST_KEY") ? KEY : null,
            name -> null);
    private static final List<String> PROMPTS = List.of("What is the capital of France?", "Who wrote Hamlet?");

    @TempDir
    Path dir;

    private static ModelSettings model(String name, String baseUrl) {
        return new ModelSettings(name, ModelSettings.OPENAI, "gpt-4o", baseUrl, "${env:CACHE_TEST_KEY}", "Be brief.",
                Map.of("temperature", 0.2), Map.of("seed", 3), Duration.ofSeconds(10), 0);
    }

    /** Each prompt twice (samples 0 and 1), through a client of the cache in {@code mode}. */
    private List<ModelReply> callAll(ChatServer server, CacheMode mode) throws Exception {
        List<ModelReply> replies = new ArrayList<>();
        try (ModelClients clients = new ModelClients(Backoff.withoutWaiting(), ModelCache.of(mode, dir, SECRETS))) {
            ModelClient client = clients.create(model("candidate", server.baseUrl()), SECRETS);
            for (String prompt : PROMPTS) {
                for (int sample = 0; sample < 2; sample++) {
                    replies.add(client.complete(new ModelRequest(ModelRequest.ofUser(prompt).messages(), null, null, sample)));
                }
            }
        }
        return replies;
    }

    /** Every stored entry: one line of a segment file each. */
    private List<String> entries() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    @Test
    @DisplayName("a rerun against a stand-in on another port makes zero requests and gets the same replies")
    void rerun() throws Exception {
        List<ModelReply> first;
        try (ChatServer server = ChatServer.start(call -> "answer to " + call.user() + " #" + UUID.randomUUID())) {
            first = callAll(server, CacheMode.LIVE);
            assertThat(server.requestCount()).isEqualTo(PROMPTS.size() * 2);
        }
        try (ChatServer other = ChatServer.start(call -> "another answer")) {
            List<ModelReply> again = callAll(other, CacheMode.LIVE);

            assertThat(other.requestCount()).isZero();
            assertThat(again).isEqualTo(first);
        }
        assertThat(first).extracting(ModelReply::text).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("masks a key the server echoes, in the reply it returns and in what it stores, prompts included")
    void echoedKey() throws Exception {
        try (ChatServer server = ChatServer.start(call -> "answer (sent with Bearer " + KEY + ")")) {
            ModelCache cache = ModelCache.of(CacheMode.LIVE, dir, SECRETS);
            try (ModelClients clients = new ModelClients(Backoff.withoutWaiting(), cache)) {
                ModelClient client = clients.create(model("candidate", server.baseUrl()), SECRETS);

                ModelReply reply = client.complete(ModelRequest.ofUser("Who wrote Hamlet?"));
                client.complete(ModelRequest.ofUser("Judge this answer: " + KEY));

                assertThat(reply.text()).isEqualTo("answer (sent with Bearer ***)");
            }
            assertThat(entries()).hasSize(2).allSatisfy(entry -> assertThat(entry)
                    .contains("Bearer ***").doesNotContain(KEY));
        }
    }

    @Test
    @DisplayName("sends the API key, and no cache file contains it, its reference or the endpoint")
    void noSecrets() throws Exception {
        try (ChatServer server = ChatServer.start(call -> "answer to " + call.user())) {
            callAll(server, CacheMode.RECORD);

            assertThat(server.authorizations()).containsOnly("Bearer " + KEY);
            assertThat(entries()).hasSize(PROMPTS.size() * 2).allSatisfy(entry -> {
                assertThat(entry).containsAnyOf(PROMPTS.toArray(String[]::new))
                        .doesNotContain(KEY)
                        .doesNotContain("CACHE_TEST_KEY")
                        .doesNotContain(server.baseUrl())
                        .doesNotContain("127.0.0.1");
            });
        }
    }
}
