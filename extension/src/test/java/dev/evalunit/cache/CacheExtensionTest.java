package dev.evalunit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("The response cache in a test run")
class CacheExtensionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 4;
    private static final int SAMPLES = 4;
    private static final String EVALUATION = "GeneratingTestCase.evaluate";

    @TempDir
    Path cache;

    @TempDir
    Path reports;

    /** Where a test keeps an API key file: beside neither the cache nor the reports, and deleted after. */
    @TempDir
    Path secrets;

    private final List<ChatServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(ChatServer::close);
    }

    /** A new stand-in per run (a new random port, as a rerun in another build would have). */
    private ChatServer server(Function<ChatServer.Call, String> handler) {
        return started(ChatServer.start(handler));
    }

    /** Deterministic answers and verdicts, so that a rerun's judgments can be compared with the first run's. */
    private ChatServer pairwiseServer() {
        return started(ChatServer.start(prompt -> "good: " + prompt, ChatServer.judgePreferring("good")));
    }

    private ChatServer started(ChatServer server) {
        servers.add(server);
        return server;
    }

    private EngineExecutionResults run(Class<?> testCase, ChatServer server, String mode, String reportDir) {
        return run(testCase, server.baseUrl(), mode, reportDir);
    }

    private EngineExecutionResults run(Class<?> testCase, String baseUrl, String mode, String reportDir) {
        return EngineRuns.run(testCase, config(baseUrl, mode, reportDir));
    }

    private EngineRuns.Captured runCapturing(Class<?> testCase, String baseUrl, String mode, String reportDir) {
        return EngineRuns.runCapturingConsole(testCase, config(baseUrl, mode, reportDir));
    }

    private Map<String, String> config(String baseUrl, String mode, String reportDir) {
        Map<String, String> config = new HashMap<>();
        for (String model : List.of("candidate", "judge", "m1", "m2")) {
            config.put("evalunit.models." + model + ".base-url", baseUrl);
            config.put("evalunit.models." + model + ".max-retries", "0");
        }
        config.put("evalunit.report.dir", reports.resolve(reportDir).toString());
        config.put("evalunit.cache.dir", cache.toString());
        if (mode != null) {
            config.put("evalunit.cache.mode", mode);
        }
        return config;
    }

    /** The lines of {@code console} that start with {@code prefix}. */
    private static List<String> lines(String console, String prefix) {
        return console.lines().filter(line -> line.startsWith(prefix)).toList();
    }

    /** The cache's counts the run published as report entries, e.g. {@code evalunit.cache.calls=20}. */
    private static Map<String, String> cacheCounts(EngineExecutionResults results) {
        Map<String, String> counts = new HashMap<>();
        results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .forEach(pairs -> pairs.forEach((key, value) -> {
                    if (key.startsWith("evalunit.cache.")) {
                        counts.put(key, value);
                    }
                }));
        return counts;
    }

    private List<JsonNode> judgments(String reportDir, String evaluation) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(reports.resolve(reportDir).resolve(evaluation).resolve("judgments.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Nested
    @DisplayName("of a pairwise evaluation")
    class Pairwise {

        @Test
        @DisplayName("lets a second, unchanged run make zero requests and write identical judgments")
        void rerun() throws IOException {
            ChatServer first = pairwiseServer();
            run(GeneratingTestCase.class, first, null, "first").testEvents()
                    .assertStatistics(stats -> stats.succeeded(1));
            assertThat(first.requestCount()).isEqualTo(ROWS * (1 + SAMPLES));

            ChatServer second = pairwiseServer();
            run(GeneratingTestCase.class, second, "live", "second").testEvents()
                    .assertStatistics(stats -> stats.succeeded(1));

            assertThat(second.requestCount()).isZero();
            assertThat(judgments("second", EVALUATION)).isEqualTo(judgments("first", EVALUATION));
        }

        @Test
        @DisplayName("prints how many replies came from the cache and how many calls were made: as many as the server received")
        void printsCounts() {
            ChatServer first = pairwiseServer();
            EngineRuns.Captured firstRun = runCapturing(GeneratingTestCase.class, first.baseUrl(), null, "first");
            ChatServer second = pairwiseServer();
            EngineRuns.Captured secondRun = runCapturing(GeneratingTestCase.class, second.baseUrl(), "live", "second");

            int requests = ROWS * (1 + SAMPLES);
            assertThat(first.requestCount()).isEqualTo(requests);
            assertThat(lines(firstRun.console(), "[evalunit] " + EVALUATION + ": ")).contains("[evalunit] " + EVALUATION + ": "
                    + "0 replies from the cache, " + requests + " calls (cache: live, " + cache + ")");
            assertThat(cacheCounts(firstRun.results())).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "evalunit.cache.replies", "0", "evalunit.cache.calls", String.valueOf(requests), "evalunit.cache.missing", "0"));
            assertThat(second.requestCount()).isZero();
            assertThat(lines(secondRun.console(), "[evalunit] " + EVALUATION + ": ")).contains("[evalunit] " + EVALUATION + ": "
                    + requests + " replies from the cache, 0 calls (cache: live, " + cache + ")");
            assertThat(cacheCounts(secondRun.results())).containsEntry("evalunit.cache.replies", String.valueOf(requests))
                    .containsEntry("evalunit.cache.calls", "0");
        }

        @Test
        @DisplayName("replaying with the models pointed at another endpoint, makes no request and gives Error rows naming both endpoints")
        void replayOtherEndpoint() throws IOException {
            run(GeneratingTestCase.class, pairwiseServer(), "live", "recorded");

            EngineRuns.Captured replayed = runCapturing(GeneratingTestCase.class, "https://api.example.com/v1", "replay", "replayed");

            assertThat(judgments("replayed", EVALUATION)).hasSize(ROWS).allSatisfy(row -> {
                assertThat(row.get("choice").asText()).isEqualTo("Error");
                assertThat(row.get("explanation").asText()).isEqualTo("model A [candidate] failed: model [candidate]:"
                        + " no cached reply for endpoint [https://api.example.com/v1]; the cache holds this request's reply"
                        + " recorded against [http://loopback/v1] (evalunit.cache.mode=replay). Point the model back at"
                        + " [http://loopback/v1], or run once with evalunit.cache.mode=live to record it against"
                        + " [https://api.example.com/v1].");
            });
            assertThat(cacheCounts(replayed.results())).containsEntry("evalunit.cache.replies", "0")
                    .containsEntry("evalunit.cache.calls", "0").containsEntry("evalunit.cache.missing", String.valueOf(ROWS));
            assertThat(lines(replayed.console(), "[evalunit] " + EVALUATION + ": ")).contains("[evalunit] " + EVALUATION + ": "
                    + "0 replies from the cache, 0 calls, " + ROWS + " not in the cache (cache: replay, " + cache + ")");
        }

        @Test
        @DisplayName("replays a recorded run without any request")
        void replaysRecorded() throws IOException {
            run(GeneratingTestCase.class, pairwiseServer(), "record", "recorded");

            ChatServer offline = pairwiseServer();
            run(GeneratingTestCase.class, offline, "replay", "replayed").testEvents()
                    .assertStatistics(stats -> stats.succeeded(1));

            assertThat(offline.requestCount()).isZero();
            assertThat(judgments("replayed", EVALUATION)).isEqualTo(judgments("recorded", EVALUATION));
        }

        @Test
        @DisplayName("in replay mode with an empty cache, makes no request and gives Error rows naming the model and how to record it")
        void replayMisses() throws IOException {
            ChatServer server = pairwiseServer();

            run(GeneratingTestCase.class, server, "replay", "generating");
            run(JudgeOnlyTestCase.class, server, "replay", "judging");

            assertThat(server.requestCount()).isZero();
            String miss = "no cached reply (evalunit.cache.mode=replay). Run once with evalunit.cache.mode=live to record it.";
            assertThat(judgments("generating", EVALUATION)).hasSize(ROWS).allSatisfy(row -> {
                assertThat(row.get("choice").asText()).isEqualTo("Error");
                assertThat(row.get("explanation").asText()).isEqualTo("model A [candidate] failed: model [candidate]: " + miss);
            });
            assertThat(judgments("judging", "JudgeOnlyTestCase.evaluate")).hasSize(ROWS).allSatisfy(row -> {
                assertThat(row.get("choice").asText()).isEqualTo("Error");
                assertThat(row.get("explanation").asText()).isEqualTo("all 4 autorater samples failed: model [judge]: " + miss);
            }).extracting(row -> row.get("id").asText()).containsExactly("q1", "q2", "q3", "q4");
        }

        @Test
        @DisplayName("with an unknown mode, fails the test with the configuration error before any request")
        void unknownMode() {
            ChatServer server = pairwiseServer();

            EngineExecutionResults results = run(GeneratingTestCase.class, server, "sometimes", "unknown");

            assertThat(EngineRuns.failures(results)).singleElement().extracting(Throwable::getMessage).isEqualTo(
                    "Configuration error: [evalunit.cache.mode] must be live, replay, record or off, but was 'sometimes'.");
            assertThat(server.requestCount()).isZero();
        }

        @Test
        @DisplayName("in off mode, calls every time and stores nothing")
        void off() throws IOException {
            ChatServer server = pairwiseServer();

            run(GeneratingTestCase.class, server, "off", "first");
            run(GeneratingTestCase.class, server, "off", "second");

            assertThat(server.requestCount()).isEqualTo(2 * ROWS * (1 + SAMPLES));
            try (var files = Files.list(cache)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Nested
    @DisplayName("of an experiment set")
    class Experiments {

        private static final int EXPERIMENT_ROWS = 3;
        private static final int EXPERIMENTS = 2 * 3;

        /** m1 answers correctly, m2 does not; the judge scores 1 when the answer is marked correct. */
        private final Function<ChatServer.Call, String> modelsAndJudge = call -> {
            if ("judge_precision".equals(call.schemaName())) {
                return "{\"reason\": \"checked\", \"score\": " + (call.user().contains("correct: ") ? 1 : 0) + "}";
            }
            return (call.model().equals("m1") ? "correct: " : "wrong: ") + call.user();
        };

        @Test
        @DisplayName("calls each repeat, though its requests are the same as the other repeats': rows x experiments x calls per row")
        void repeatsAreSeparateCalls() {
            ChatServer server = server(modelsAndJudge);

            run(RepeatsTestCase.class, server, null, "first");

            // One generation and one judge_precision call per row; output_length calls nothing.
            assertThat(server.requestCount()).isEqualTo(EXPERIMENT_ROWS * EXPERIMENTS * 2);
            Collection<Long> sameBodies = server.requests().stream()
                    .collect(Collectors.groupingBy(JsonNode::toString, Collectors.counting())).values();
            assertThat(sameBodies).as("each request body was sent once per repeat").containsOnly(3L);
        }

        @Test
        @DisplayName("lets a rerun make zero requests, and prints the set's replies from the cache and calls")
        void rerun() {
            ChatServer first = server(modelsAndJudge);
            String firstConsole = runCapturing(RepeatsTestCase.class, first.baseUrl(), null, "first").console();
            ChatServer second = server(modelsAndJudge);
            EngineRuns.Captured secondRun = runCapturing(RepeatsTestCase.class, second.baseUrl(), null, "second");
            secondRun.results().testEvents().assertStatistics(stats -> stats.started(EXPERIMENTS).succeeded(EXPERIMENTS));
            String secondConsole = secondRun.console();

            assertThat(second.requestCount()).isZero();
            int requests = EXPERIMENT_ROWS * EXPERIMENTS * 2;
            assertThat(first.requestCount()).isEqualTo(requests);
            assertThat(lines(firstConsole, "[evalunit] experiment set cached_repeats: ")).contains(
                    "[evalunit] experiment set cached_repeats: 0 replies from the cache, " + requests + " calls (cache: live, " + cache + ")");
            assertThat(lines(secondConsole, "[evalunit] experiment set cached_repeats: ")).contains(
                    "[evalunit] experiment set cached_repeats: " + requests + " replies from the cache, 0 calls (cache: live, " + cache + ")");
        }
    }

    // Fixtures: run only through the engine above.

    @Nested
    @DisplayName("in replay mode, with API keys that reference variables nobody set")
    class ReplayWithoutKeys {

        private static final String UNSET = "EVALUNIT_TEST_KEY_THAT_IS_NEVER_SET";

        private Map<String, String> withKey(Map<String, String> config, String reference) {
            for (String model : List.of("candidate", "judge")) {
                config.put("evalunit.models." + model + ".api-key", reference);
            }
            return config;
        }

        @Test
        @DisplayName("replays a run recorded with keys, resolving none and making no request")
        void replaysWithoutKeys() throws IOException {
            assertThat(System.getenv(UNSET)).isNull();
            Path key = Files.writeString(secrets.resolve("api-key"), "sk-recorded-with-a-real-key\n");
            ChatServer recording = pairwiseServer();
            EngineRuns.run(GeneratingTestCase.class, withKey(config(recording.baseUrl(), "live", "recorded"),
                    "${file:" + key + "}")).testEvents().assertStatistics(stats -> stats.succeeded(1));
            assertThat(recording.requestCount()).isEqualTo(ROWS * (1 + SAMPLES));

            ChatServer offline = pairwiseServer();
            EngineRuns.run(GeneratingTestCase.class, withKey(config(offline.baseUrl(), "replay", "replayed"),
                    "${env:" + UNSET + "}")).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));

            assertThat(offline.requestCount()).isZero();
            assertThat(judgments("replayed", EVALUATION)).isEqualTo(judgments("recorded", EVALUATION));
        }

        @Test
        @DisplayName("still needs the key in live mode: the same configuration fails, naming the unset variable")
        void liveNeedsTheKey() {
            ChatServer server = pairwiseServer();
            EngineExecutionResults results = EngineRuns.run(GeneratingTestCase.class,
                    withKey(config(server.baseUrl(), "live", "live"), "${env:" + UNSET + "}"));

            assertThat(EngineRuns.failures(results)).singleElement().extracting(Throwable::getMessage).isEqualTo(
                    "Configuration error: the API key of model [candidate] refers to [${env:" + UNSET + "}], which is not"
                            + " set. Set the environment variable " + UNSET + ".");
            assertThat(server.requestCount()).isZero();
        }

        @Test
        @DisplayName("still refuses a key written as itself")
        void refusesLiteralKey() {
            ChatServer server = pairwiseServer();
            EngineExecutionResults results = EngineRuns.run(GeneratingTestCase.class,
                    withKey(config(server.baseUrl(), "replay", "literal"), "sk-a-literal-key-in-the-config"));

            assertThat(EngineRuns.failures(results)).singleElement().extracting(Throwable::getMessage)
                    .asString().startsWith("Configuration error: ").contains("[evalunit.models.candidate.api-key]")
                    .doesNotContain("sk-a-literal-key-in-the-config");
            assertThat(server.requestCount()).isZero();
        }
    }

    static class GeneratingTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluate(PairwiseResult result) {
        }
    }

    static class JudgeOnlyTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(responseColumn = "context"),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluate(PairwiseResult result) {
        }
    }

    static class RepeatsTestCase {
        @ExperimentSet("dev/evalunit/cache/repeats.json")
        void eachExperiment(ExperimentResult experiment) {
        }
    }
}
