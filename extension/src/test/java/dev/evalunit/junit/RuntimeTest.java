package dev.evalunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("One runtime per test run")
class RuntimeTest {

    private ChatServer server;

    @TempDir
    Path reports;

    @TempDir
    Path cache;

    @BeforeEach
    void startServer() {
        server = ChatServer.start(prompt -> "good: " + prompt.lines().reduce((a, b) -> b).orElse(""),
                ChatServer.judgePreferring("good"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private EngineExecutionResults run(Class<?> testCase) {
        return EngineRuns.run(testCase, Map.of(
                "evalunit.models.candidate.base-url", server.baseUrl(),
                "evalunit.models.judge.base-url", server.baseUrl(),
                "evalunit.models.m1.base-url", server.baseUrl(),
                "evalunit.report.dir", reports.toString(),
                "evalunit.cache.mode", "live",
                "evalunit.cache.dir", cache.toString(),
                "evalunit.concurrency", "3"));
    }

    @Test
    @DisplayName("two pairwise evaluations and an experiment set share one cache, one set of workers, and are closed after the run")
    void sharedAndClosed() throws IOException {
        EngineExecutionResults results = run(ThreeEvaluations.class);

        results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));
        // The cache appends to one segment per runtime: one file means one runtime served all three.
        try (Stream<Path> segments = Files.list(cache)) {
            assertThat(segments.map(p -> p.getFileName().toString()).filter(name -> !name.equals("index"))).singleElement()
                    .satisfies(name -> assertThat(name).endsWith(".jsonl"));
        }
        // Closed when the run ended: no worker thread outlives it.
        assertThat(workerThreadsAfterTheRun()).isEmpty();
    }

    @Test
    @DisplayName("a run-wide setting that is malformed fails each evaluation with the configuration error, before any call")
    void malformedRunWideSetting() {
        EngineExecutionResults results = EngineRuns.run(ThreeEvaluations.class, Map.of(
                "evalunit.models.candidate.base-url", server.baseUrl(),
                "evalunit.models.judge.base-url", server.baseUrl(),
                "evalunit.models.m1.base-url", server.baseUrl(),
                "evalunit.report.dir", reports.toString(),
                "evalunit.concurrency", "zero"));

        assertThat(EngineRuns.failures(results)).isNotEmpty().allSatisfy(failure ->
                assertThat(failure).hasMessageStartingWith("Configuration error: [evalunit.concurrency]"));
        assertThat(server.requestCount()).isZero();
    }

    /** The worker threads still alive, after giving them a bounded moment to end (at most 5 s). */
    private static List<String> workerThreadsAfterTheRun() {
        List<String> alive = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.isAlive() && thread.getName().startsWith("evalunit-worker-"))
                    .map(Thread::getName).toList();
            if (alive.isEmpty()) {
                return alive;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return alive;
            }
        }
        return alive;
    }

    static class ThreeEvaluations {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void first(PairwiseResult result) {
        }

        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(responseColumn = "answer_b"),
                modelB = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")))
        void second(PairwiseResult result) {
        }

        @ExperimentSet(name = "one_model", dataset = "datasets/exp-qa.jsonl", metrics = "output_length", models = "m1",
                temperatures = {0.2, 0.8})
        void experiments(ExperimentResult experiment) {
        }
    }
}
