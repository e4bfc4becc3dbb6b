package dev.evalunit.junit;

import static dev.evalunit.assertj.EvalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.internal.JupiterVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.Model;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("@PairwiseEval")
class PairwiseEvalExtensionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 4;
    private static final int SAMPLES = 4;

    private ChatServer server;

    @TempDir
    Path reports;

    @BeforeEach
    void startServer() {
        // The candidate always answers well; the judge prefers answers marked "good"; baseline
        // answers in qa-small.jsonl are "good" once (q3) and "bad" three times.
        server = ChatServer.start(prompt -> "good: " + prompt.lines().reduce((a, b) -> b).orElse(""),
                ChatServer.judgePreferring("good"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Map<String, String> configuration() {
        Map<String, String> config = new HashMap<>();
        config.put("evalunit.models.candidate.base-url", server.baseUrl());
        config.put("evalunit.models.judge.base-url", server.baseUrl());
        config.put("evalunit.models.judge.max-retries", "0");
        config.put("evalunit.report.dir", reports.toString());
        return config;
    }

    private EngineExecutionResults run(Class<?> testCase) {
        return EngineRuns.run(testCase, configuration());
    }

    private Path judgmentsOf(String evaluation) {
        return reports.resolve(evaluation).resolve("judgments.jsonl");
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Nested
    @DisplayName("when the evaluation runs")
    class WhenItRuns {

        @Test
        @DisplayName("injects the result, and the test passes when its thresholds hold")
        void passes() {
            EngineExecutionResults results = run(PassingTestCase.class);

            results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
            // One generation call for model A and four autorater samples per example.
            assertThat(server.requestCount()).isEqualTo(ROWS * (1 + SAMPLES));
        }

        @Test
        @DisplayName("announces the cache's counts and the judgments file as report entries, and attaches files only where Jupiter can (5.12 and later)")
        void publishesFiles() {
            EngineExecutionResults results = run(PassingTestCase.class);

            assertThat(results.allEvents().reportingEntryPublished().stream()
                    .map(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class).getKeyValuePairs()))
                    .satisfiesExactly(
                            cache -> assertThat(cache).containsOnlyKeys("evalunit.cache.replies", "evalunit.cache.calls",
                                    "evalunit.cache.missing").containsEntry("evalunit.cache.replies", "0"),
                            judgments -> assertThat(judgments).isEqualTo(Map.of("evalunit.judgments",
                                    judgmentsOf("PassingTestCase.candidateBeatsBaseline").toString())));
            // The build runs on the oldest supported Jupiter, which has no file publishing; the consumer
            // matrix (compat/) checks the attached files on 5.12 and later.
            assertThat(FileAttachments.supported()).isEqualTo(JupiterVersion.running().atLeast(5, 12));
            results.testEvents().assertStatistics(stats -> stats.succeeded(1));
        }

        @Test
        @DisplayName("names the invocation after the task and the dataset")
        void displayName() {
            EngineExecutionResults results = run(PassingTestCase.class);

            assertThat(results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                    .containsExactly("pairwise question_answering on datasets/qa-small.jsonl");
        }

        @Test
        @DisplayName("writes one judgment per example with every field of the contract")
        void judgmentsFile() throws IOException {
            run(PassingTestCase.class);

            List<JsonNode> lines = readLines(judgmentsOf("PassingTestCase.candidateBeatsBaseline"));
            assertThat(lines).hasSize(ROWS);
            assertThat(lines).allSatisfy(line -> assertThat(line.fieldNames()).toIterable().containsExactly(
                    "id", "inference_instruction", "inference_context", "response_a", "response_b", "choice",
                    "confidence", "explanation", "samples", "human", "model_a", "model_b"));
            JsonNode first = lines.get(0);
            assertThat(first.get("id").asText()).isEqualTo("q1");
            assertThat(first.get("inference_instruction").asText()).isEqualTo("Answer the question: What is the capital of France?");
            assertThat(first.get("inference_context").asText()).isEqualTo("Paris is the capital of France.");
            assertThat(first.get("response_a").asText()).isEqualTo("good: What is the capital of France?");
            assertThat(first.get("response_b").asText()).isEqualTo("bad: Lyon");
            assertThat(first.get("choice").asText()).isEqualTo("Model A");
            assertThat(first.get("confidence").asDouble()).isEqualTo(1.0);
            assertThat(first.get("human").asText()).isEqualTo("A");
            // The declared model, and the response column of the pre-generated side.
            assertThat(first.get("model_a").asText()).isEqualTo("candidate");
            assertThat(first.get("model_b").asText()).isEqualTo("answer_b");
            assertThat(first.get("samples")).hasSize(SAMPLES);
            assertThat(first.get("samples").get(0).get("position").asText()).isEqualTo("AB");
            assertThat(first.get("samples").get(1).get("position").asText()).isEqualTo("BA");
            // Mapped back to the original sides: A won in both positions.
            assertThat(first.get("samples")).allSatisfy(s -> assertThat(s.get("choice").asText()).isEqualTo("A"));
            assertThat(lines.get(2).get("choice").asText()).isEqualTo("Tie");
        }

        @Test
        @DisplayName("writes the metrics beside the judgments itself, with no reporter on the class path")
        void reports() throws IOException {
            run(PassingTestCase.class);

            Path dir = reports.resolve("PassingTestCase.candidateBeatsBaseline");
            JsonNode metrics = JSON.readTree(dir.resolve("metrics.json").toFile());
            assertThat(metrics.get("example_count").asInt()).isEqualTo(ROWS);
            assertThat(metrics.get("autosxs_model_a_win_rate").asDouble()).isEqualTo(0.75);
            assertThat(metrics.get("tie_rate").asDouble()).isEqualTo(0.25);
            assertThat(metrics.get("true_positive_count").asInt()).isEqualTo(2);
            assertThat(metrics.get("false_positive_count").asInt()).isEqualTo(1);
            assertThat(metrics.get("accuracy").asDouble()).isEqualTo(2.0 / 3);
            assertThat(dir.resolve("summary.md")).doesNotExist();
        }
    }

    @Nested
    @DisplayName("when a threshold does not hold")
    class WhenAThresholdFails {

        @Test
        @DisplayName("fails the test, naming the statistic, its value, the threshold, the example count and the judgments file")
        void failsWithMessage() {
            EngineExecutionResults results = run(ThresholdTestCase.class);

            results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
            assertThat(EngineRuns.failures(results)).singleElement().satisfies(failure -> {
                assertThat(failure).isInstanceOf(AssertionError.class);
                assertThat(failure.getMessage()).isEqualTo("Expected autosxs_model_b_win_rate to be greater than 0.5,"
                        + " but was 0; evaluation [ThresholdTestCase.baselineWins] over 4 examples (0 errors); judgments: "
                        + judgmentsOf("ThresholdTestCase.baselineWins"));
            });
        }
    }

    @Nested
    @DisplayName("when the declaration is wrong")
    class WhenTheDeclarationIsWrong {

        @Test
        @DisplayName("a placeholder naming a missing column fails the test before any request reaches the server")
        void missingTemplateColumn() {
            EngineExecutionResults results = run(MissingColumnTestCase.class);

            assertThat(EngineRuns.failures(results)).singleElement().extracting(Throwable::getMessage).isEqualTo(
                    "Configuration error: placeholder [{{ questoin }}] in model A's prompt parameter [prompt] names no"
                            + " column of dataset [datasets/qa-small.jsonl]. Columns: id, question, context, answer_b, human."
                            + " Fix the placeholder or add the column.");
            assertThat(server.requestCount()).isZero();
        }

        @Test
        @DisplayName("a model and a response column for one side is a configuration error, as in AutoSxS")
        void bothSources() {
            EngineExecutionResults results = run(BothSourcesTestCase.class);

            assertThat(EngineRuns.failures(results)).singleElement().extracting(Throwable::getMessage).isEqualTo(
                    "Configuration error: model B gives both a model [candidate] and a response column [answer_b]."
                            + " Give only one: a response column holds pre-generated answers, a model or method generates them.");
            assertThat(server.requestCount()).isZero();
        }

        @Test
        @DisplayName("an API key reference to an unset variable fails before any request")
        void unsetKey() {
            EngineExecutionResults results = run(UnsetKeyTestCase.class);

            assertThat(EngineRuns.failures(results)).singleElement().extracting(Throwable::getMessage).isEqualTo(
                    "Configuration error: the API key of model [judge] refers to [${env:EVALUNIT_TEST_UNSET_KEY_9F2}],"
                            + " which is not set. Set the environment variable EVALUNIT_TEST_UNSET_KEY_9F2.");
            assertThat(server.requestCount()).isZero();
        }
    }

    @Nested
    @DisplayName("with an in-process method as model A")
    class WithAMethod {

        @Test
        @DisplayName("calls the method for each example and only the autorater over HTTP")
        void method() throws IOException {
            EngineExecutionResults results = run(MethodTestCase.class);

            results.testEvents().assertStatistics(stats -> stats.succeeded(1));
            assertThat(server.requestCount()).isEqualTo(ROWS * SAMPLES);
            assertThat(readLines(judgmentsOf("MethodTestCase.systemUnderTest")))
                    .extracting(line -> line.get("response_a").asText())
                    .containsExactly("good: Paris is the capital of France.", "good: Spiders have eight legs.",
                            "good: On a clear day the sky is blue.", "good: Hamlet is a play by William Shakespeare.");
        }
    }

    @Nested
    @DisplayName("when the judge fails on one example")
    class WhenOneExampleFails {

        @Test
        @DisplayName("that example becomes an Error judgment with its reason, and the others are judged")
        void errorRow() throws IOException {
            server.close();
            server = ChatServer.start(prompt -> "good answer", call -> {
                if (call.instruction().contains("spider")) {
                    throw new IllegalStateException("judge down");
                }
                return ChatServer.judgePreferring("good").apply(call);
            });

            Map<String, String> config = configuration();
            // One error in four examples is over the default 10% budget; this test is about the row.
            config.put("evalunit.error-budget", "0.25");
            EngineExecutionResults results = EngineRuns.run(OneErrorTestCase.class, config);

            results.testEvents().assertStatistics(stats -> stats.succeeded(1));
            List<JsonNode> lines = readLines(judgmentsOf("OneErrorTestCase.toleratesOneError"));
            assertThat(lines).hasSize(ROWS);
            JsonNode error = lines.get(1);
            assertThat(error.get("choice").asText()).isEqualTo("Error");
            assertThat(error.get("confidence").isNull()).isTrue();
            assertThat(error.get("explanation").asText()).startsWith("all 4 autorater samples failed: ");
            assertThat(error.get("samples")).allSatisfy(s -> assertThat(s.get("choice").asText()).isEqualTo("ERROR"));
        }
    }

    // Fixtures: run only through the engine above, never directly (they are not @Nested).

    static class PassingTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge",
                        instruction = @Prompt(template = "Answer the question: {{ question }}"),
                        context = @Prompt(column = "context")),
                modelA = @Candidate(model = "candidate",
                        params = @PromptParam(name = "prompt", template = "{{ context }}\n{{question}}")),
                modelB = @Candidate(responseColumn = "answer_b"),
                humanPreferenceColumn = "human")
        void candidateBeatsBaseline(PairwiseResult result) {
            assertThat(result).modelAWinRate().isGreaterThan(0.5);
            assertThat(result).hasNoErrors();
        }
    }

    static class ThresholdTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void baselineWins(PairwiseResult result) {
            assertThat(result).modelBWinRate().isGreaterThan(0.5);
        }
    }

    static class MissingColumnTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ questoin }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void typo(PairwiseResult result) {
        }
    }

    static class BothSourcesTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(model = "candidate", responseColumn = "answer_b"))
        void both(PairwiseResult result) {
        }
    }

    @Model(name = "judge", apiKey = "${env:EVALUNIT_TEST_UNSET_KEY_9F2}")
    static class UnsetKeyTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(responseColumn = "answer_b"),
                modelB = @Candidate(responseColumn = "answer_b"))
        void unsetKey(PairwiseResult result) {
        }
    }

    static class MethodTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(method = "answer", params = @PromptParam(column = "context")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void systemUnderTest(PairwiseResult result) {
            assertThat(result).modelAWinRate().isGreaterThanOrEqualTo(0.75);
        }

        String answer(String prompt) {
            return "good: " + prompt;
        }
    }

    static class OneErrorTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void toleratesOneError(PairwiseResult result) {
            assertThat(result).errorCount().isLessThanOrEqualTo(1);
        }
    }
}
