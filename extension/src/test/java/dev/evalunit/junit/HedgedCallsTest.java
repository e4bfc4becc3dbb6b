package dev.evalunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, hedging through the engine: 40 examples, one at a time, the candidate hedging at its p95
 * latency; the first attempt of example 30's generation stalls (its first-byte timeout is 60 s), so only a
 * hedge can answer it in time.
 */
@DisplayName("A hedged call in an evaluation, against a loopback server")
class HedgedCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXAMPLES = 40;

    @TempDir
    Path dir;

    @Test
    @DisplayName("a stalled generation is hedged: the hedge's answer is judged, the cache holds one entry per call,"
            + " and the end-of-run line counts 1 sent, 1 won")
    void stalledGenerationHedged() throws IOException {
        AtomicInteger stalled = new AtomicInteger();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String body = request.getBody().utf8();
                    if (body.contains("You are an impartial judge")) {
                        return ChatServer.reply(ChatServer.verdict("A", "A is better"));
                    }
                    if (body.contains("[ex30]") && stalled.getAndIncrement() == 0) {
                        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
                    }
                    return ChatServer.reply(body.contains("[ex30]") ? "the hedge's answer" : "an answer");
                }
            });
            server.start(InetAddress.getLoopbackAddress(), 0);
            Map<String, String> config = new HashMap<>();
            for (String model : List.of("candidate", "judge")) {
                config.put("evalunit.models." + model + ".base-url", server.url("/v1").toString());
            }
            config.put("evalunit.models.candidate.hedge-after-percentile", "95");
            config.put("evalunit.models.candidate.hedge-min-ms", "300");
            config.put("evalunit.models.candidate.first-byte-timeout-seconds", "60");
            config.put("evalunit.concurrency", "1");
            config.put("evalunit.report.dir", dir.toString());
            config.put("evalunit.cache.dir", dir.resolve("cache").toString());

            EngineRuns.Captured run = EngineRuns.runCapturingConsole(HedgedTestCase.class, config);

            run.results().testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
            assertThat(server.getRequestCount()).as("one generation and one verdict per example, and the hedge")
                    .isEqualTo(2 * EXAMPLES + 1);
            assertThat(stalled.get()).isEqualTo(2);
            assertThat(run.console()).containsPattern(
                    "\\[evalunit] hedged model \\[candidate] on [^:]+:\\d+: 1 second attempt sent after the p95 latency"
                            + " \\(at least 300 ms; last \\d+ ms\\), 1 won");
        }
        JsonNode ex30 = null;
        for (String line : Files.readAllLines(dir.resolve("HedgedTestCase.evaluation/judgments.jsonl"))) {
            JsonNode judgment = JSON.readTree(line);
            if (judgment.get("id").asText().equals("ex30")) {
                ex30 = judgment;
            }
        }
        assertThat(ex30).isNotNull();
        assertThat(ex30.get("response_a").asText()).isEqualTo("the hedge's answer");
        // The hedge counts on its call's statistics, apart from the attempts: the retry loop saw one attempt.
        JsonNode calls = JSON.readTree(dir.resolve("HedgedTestCase.evaluation/metrics.json").toFile()).get("calls");
        assertThat(calls.toString()).isEqualTo("{\"calls\":" + 2 * EXAMPLES + ",\"attempts\":" + 2 * EXAMPLES
                + ",\"retries\":0,\"faults\":{},\"hedges_sent\":1,\"hedges_won\":1}");
        List<String> entries = new ArrayList<>();
        try (Stream<Path> segments = Files.list(dir.resolve("cache"))) {
            for (Path segment : segments.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList()) {
                entries.addAll(Files.readAllLines(segment));
            }
        }
        assertThat(entries).hasSize(2 * EXAMPLES);
        assertThat(entries).filteredOn(entry -> entry.contains("\"reply\":{\"text\":\"the hedge's answer\""))
                .as("example 30's generation, stored once").hasSize(1);
    }

    // Fixture: run only through the engine above, never directly (it is not @Nested).

    static class HedgedTestCase {
        @PairwiseEval(dataset = "fault-injection/forty-questions.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question"), samples = 1),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }
}
