package dev.evalunit.cache;

import static dev.evalunit.cache.ResumableEvaluation.CALLS;
import static dev.evalunit.cache.ResumableEvaluation.ROWS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.testing.ChatServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A run killed part way")
class ResumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEADLINE_SECONDS = 60;

    @TempDir
    Path work;

    @Test
    @DisplayName("and started again redoes only the calls that had not completed, and judges every example")
    void resumes() throws Exception {
        Path cache = work.resolve("cache");
        Path reports = work.resolve("reports");
        try (SlowServer server = new SlowServer(20, CALLS / 2)) {
            Process run = start(server.baseUrl(), cache, reports, work.resolve("killed.log"));
            try {
                server.awaitHalfway(run, work.resolve("killed.log"));
            } finally {
                // SIGKILL on Linux: no shutdown hook, no finally block of the run gets to tidy up.
                run.destroyForcibly();
                assertThat(run.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("the killed run ended").isTrue();
            }
        }
        List<String> completed = entries(cache);
        assertThat(completed).as("every entry left by the killed run is whole").allSatisfy(ResumeTest::readable);
        // The run writes its judgments as they finish into judgments.jsonl.partial; only a finished run has the file.
        assertThat(reports.resolve(ResumableEvaluation.NAME).resolve("judgments.jsonl")).as("the killed run did not finish")
                .doesNotExist();

        try (SlowServer server = new SlowServer(0, 1)) {
            Path log = work.resolve("rerun.log");
            Process rerun = start(server.baseUrl(), cache, reports, log);
            try {
                assertThat(rerun.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("the rerun ended").isTrue();
            } finally {
                rerun.destroyForcibly();
            }
            assertThat(rerun.exitValue()).as(Files.readString(log)).isZero();
            assertThat(server.requestCount()).isEqualTo(CALLS - completed.size()).isPositive().isLessThan(CALLS);
        }
        assertThat(entries(cache)).hasSize(CALLS);
        List<JsonNode> judgments = new ArrayList<>();
        for (String line : Files.readAllLines(reports.resolve(ResumableEvaluation.NAME).resolve("judgments.jsonl"))) {
            judgments.add(JSON.readTree(line));
        }
        assertThat(judgments).extracting(j -> j.get("id").asText())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, ROWS).mapToObj(i -> "q" + i).toList());
        assertThat(judgments).allSatisfy(j -> assertThat(j.get("choice").asText()).isEqualTo("Model A"));
    }

    private static Process start(String baseUrl, Path cache, Path reports, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // A short-lived JVM: the quick compiler and the serial collector halve its start-up.
        return new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                ResumableEvaluation.class.getName(), baseUrl, cache.toString(), reports.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /**
     * Whole entries only: every line of every segment that its line feed ends. A write cut short by
     * the kill leaves at most a last line without one, which is not an entry.
     */
    private static List<String> entries(Path cache) throws IOException {
        if (!Files.exists(cache)) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(cache)) {
            for (Path segment : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList()) {
                String text = Files.readString(segment);
                entries.addAll(List.of(text.substring(0, text.lastIndexOf('\n') + 1).split("\n")));
            }
        }
        entries.removeIf(String::isEmpty);
        return entries;
    }

    private static void readable(String entry) {
        try {
            assertThat(JSON.readTree(entry).at("/reply/text").isTextual()).isTrue();
        } catch (IOException e) {
            throw new AssertionError(entry + " is not whole", e);
        }
    }

    /**
     * A chat-completions stand-in that answers each call after {@code delayMillis}, so that a run is
     * still in the middle of its calls when half of them have arrived. The candidate's answers are
     * marked good, and the judge prefers them.
     */
    private static final class SlowServer implements AutoCloseable {
        private final MockWebServer server = new MockWebServer();
        private final CountDownLatch halfway;

        SlowServer(long delayMillis, int halfwayCount) throws IOException {
            halfway = new CountDownLatch(halfwayCount);
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    halfway.countDown();
                    String content;
                    try {
                        JsonNode messages = JSON.readTree(request.getBody().utf8()).path("messages");
                        boolean judge = messages.get(0).path("content").asText().startsWith("You are an impartial judge");
                        content = judge ? verdict(messages.get(messages.size() - 1).path("content").asText())
                                : "good: " + messages.get(messages.size() - 1).path("content").asText();
                    } catch (IOException e) {
                        return new MockResponse.Builder().code(400).build();
                    }
                    return new MockResponse.Builder()
                            .headersDelay(delayMillis, TimeUnit.MILLISECONDS)
                            .addHeader("Content-Type", "application/json")
                            .body(completion(content))
                            .build();
                }
            });
            server.start(InetAddress.getLoopbackAddress(), 0);
        }

        /** A (shown first) is the good answer in position AB, B in position BA. */
        private static String verdict(String prompt) {
            boolean aIsGood = prompt.indexOf("good: ") < prompt.indexOf("<response_b>");
            return ChatServer.verdict(aIsGood ? "A" : "B", "the good answer is better");
        }

        private static String completion(String content) {
            var body = JSON.createObjectNode();
            body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                    .putObject("message").put("role", "assistant").put("content", content);
            body.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5);
            return body.toString();
        }

        /** Waits until half the calls have arrived; fails if the run ends first or the deadline passes. */
        void awaitHalfway(Process run, Path log) throws InterruptedException, IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            while (!halfway.await(50, TimeUnit.MILLISECONDS)) {
                if (!run.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("the run " + (run.isAlive() ? "sent too few calls in time" : "ended early")
                            + " after " + server.getRequestCount() + " calls; its output:\n" + Files.readString(log));
                }
            }
        }

        String baseUrl() {
            return server.url("/v1").toString();
        }

        int requestCount() {
            return server.getRequestCount();
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
