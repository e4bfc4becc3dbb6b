package dev.evalunit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.config.SecretReference;
import dev.evalunit.http.Backoff;
import dev.evalunit.model.ModelClients;
import dev.evalunit.model.ModelSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The cache never stores a reply that is not an answer")
class NotAnAnswerCacheTest {

    private static final SecretReference NO_SECRETS = new SecretReference(name -> null, path -> null);
    private static final ModelRequest REQUEST = ModelRequest.ofUser("Which is better?");

    @TempDir
    Path dir;

    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private ModelSettings model(String provider, String path) {
        return new ModelSettings("judge", provider, "m", server.url(path).toString(), null, null, Map.of(), Map.of(),
                Duration.ofSeconds(5), 0);
    }

    /** One call in a run of its own, through a live cache in {@link #dir}. */
    private ModelReply runOnce(ModelSettings settings) throws ModelCallException {
        try (ModelClients clients = new ModelClients(Backoff.withoutWaiting(), ModelCache.of(CacheMode.LIVE, dir, NO_SECRETS))) {
            return clients.create(settings, NO_SECRETS).complete(REQUEST);
        }
    }

    private long storedEntries() throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            long lines = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                lines += Files.readAllLines(file).stream().filter(line -> !line.isBlank()).count();
            }
            return lines;
        }
    }

    @Test
    @DisplayName("openai: a refusal fails, is not stored, and the next run calls again")
    void openAiRefusal() throws Exception {
        server.enqueue(json("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"refusal\":\"I can't help with that.\"},\"finish_reason\":\"stop\"}]}"));
        server.enqueue(json("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"A\"},"
                + "\"finish_reason\":\"stop\"}]}"));
        ModelSettings settings = model("openai", "/v1");

        assertThatThrownBy(() -> runOnce(settings)).hasMessageContaining("the model refused (message.refusal)");
        assertThat(storedEntries()).isZero();

        assertThat(runOnce(settings).text()).isEqualTo("A");
        assertThat(runOnce(settings).text()).as("the answer, stored, serves the third run").isEqualTo("A");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("anthropic: an answer cut at max_tokens fails, is not stored, and the next run calls again")
    void anthropicCut() throws Exception {
        server.enqueue(json("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"The better one is\"}],\"stop_reason\":\"max_tokens\","
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1024}}"));
        server.enqueue(json("{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"B\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}"));
        ModelSettings settings = model("anthropic", "/");

        assertThatThrownBy(() -> runOnce(settings)).hasMessageContaining("cut at the token limit (stop_reason \"max_tokens\")");
        assertThat(storedEntries()).isZero();

        assertThat(runOnce(settings).text()).isEqualTo("B");
        assertThat(runOnce(settings).text()).isEqualTo("B");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("gemini: a blocked prompt and a SAFETY finish fail, are not stored, and the next run calls again")
    void geminiBlocked() throws Exception {
        server.enqueue(json("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},"
                + "\"usageMetadata\":{\"promptTokenCount\":5,\"totalTokenCount\":5}}"));
        server.enqueue(json("{\"candidates\":[{\"finishReason\":\"SAFETY\",\"index\":0}]}"));
        server.enqueue(json("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"A\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}]}"));
        ModelSettings settings = model("gemini", "/");

        assertThatThrownBy(() -> runOnce(settings)).hasMessageContaining("(promptFeedback.blockReason \"SAFETY\")");
        assertThatThrownBy(() -> runOnce(settings)).hasMessageContaining("(finishReason \"SAFETY\")");
        assertThat(storedEntries()).isZero();

        assertThat(runOnce(settings).text()).isEqualTo("A");
        assertThat(runOnce(settings).text()).isEqualTo("A");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }
}
