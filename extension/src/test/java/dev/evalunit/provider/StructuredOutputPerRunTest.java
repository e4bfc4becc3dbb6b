package dev.evalunit.provider;

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
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("A server that rejects structured output")
class StructuredOutputPerRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 4;
    private static final int SAMPLES = 4;

    @TempDir
    Path cache;

    @TempDir
    Path reports;

    private RefusingServer first;
    private RefusingServer second;

    @BeforeEach
    void start() {
        first = new RefusingServer();
        second = new RefusingServer();
    }

    @AfterEach
    void stop() {
        first.server.close();
        second.server.close();
    }

    /** Answers chat completions, and 400 to any request that asks for {@code response_format}. */
    private static final class RefusingServer {
        final MockWebServer server = new MockWebServer();
        final AtomicInteger refusals = new AtomicInteger();

        RefusingServer() {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    try {
                        JsonNode body = JSON.readTree(request.getBody().utf8());
                        if (body.has("response_format")) {
                            refusals.incrementAndGet();
                            return new MockResponse.Builder().code(400)
                                    .body("{\"error\":{\"message\":\"Unrecognized request argument: response_format\"}}").build();
                        }
                        JsonNode messages = body.path("messages");
                        boolean judge = messages.get(0).path("content").asText().startsWith("You are an impartial judge");
                        return reply(judge ? ChatServer.verdict("A", "A is better") : "an answer");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            try {
                server.start(InetAddress.getLoopbackAddress(), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static MockResponse reply(String content) {
            var body = JSON.createObjectNode();
            var choice = body.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", content);
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body.toString()).build();
        }

        String baseUrl() {
            return server.url("/v1").toString();
        }
    }

    private EngineExecutionResults run(String mode) {
        Map<String, String> config = new HashMap<>();
        config.put("evalunit.models.candidate.base-url", first.baseUrl());
        config.put("evalunit.models.judge.base-url", first.baseUrl());
        config.put("evalunit.models.other-judge.base-url", second.baseUrl());
        config.put("evalunit.report.dir", reports.toString());
        config.put("evalunit.cache.dir", cache.toString());
        config.put("evalunit.cache.mode", mode);
        return EngineRuns.run(ThreeEvaluationsTestCase.class, config);
    }

    @Test
    @DisplayName("costs one 400 per endpoint and run, whatever the rows, samples and evaluations; a cached rerun makes no request")
    void oncePerEndpointAndRun() {
        run("live").testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));

        assertThat(first.refusals).as("400s from the endpoint of two evaluations' judge").hasValue(1);
        assertThat(second.refusals).as("400s from the other judge's endpoint").hasValue(1);
        // Per row: one answer and a verdict per sample (4, then 2); plus the endpoint's one refusal.
        assertThat(first.server.getRequestCount()).isEqualTo(ROWS * (1 + SAMPLES) + ROWS * (1 + 2) + 1);
        assertThat(second.server.getRequestCount()).isEqualTo(ROWS * SAMPLES + 1);

        int before = first.server.getRequestCount() + second.server.getRequestCount();
        run("live").testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));

        assertThat(first.server.getRequestCount() + second.server.getRequestCount()).as("requests of the cached rerun")
                .isEqualTo(before);
    }

    // Fixtures: run only through the engine above.

    static class ThreeEvaluationsTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void first(PairwiseResult result) {
        }

        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", samples = 2,
                        instruction = @Prompt(template = "Please answer: {{ question }}")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "Q: {{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void second(PairwiseResult result) {
        }

        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "other-judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(responseColumn = "context"),
                modelB = @Candidate(responseColumn = "answer_b"))
        void third(PairwiseResult result) {
        }
    }
}
