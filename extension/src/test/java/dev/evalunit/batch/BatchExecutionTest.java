package dev.evalunit.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.testing.BatchApiServer;
import dev.evalunit.testing.BatchApiServer.Outcome;
import dev.evalunit.testing.EngineRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("Batch execution (evalunit.execution=batch)")
class BatchExecutionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Function<String, Outcome> ALL_ANSWER = text -> Outcome.ANSWER;
    /** The generation of example q2 (the spider) fails; every other line is answered. */
    private static final Function<String, Outcome> SPIDER_ERRORS = text -> text.contains("spider") ? Outcome.ERROR : Outcome.ANSWER;
    private static final Function<String, Outcome> SPIDER_EXPIRES = text -> text.contains("spider") ? Outcome.EXPIRED : Outcome.ANSWER;

    @TempDir
    Path dir;

    private BatchApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Map<String, String> openAi(BatchApiServer server) {
        Map<String, String> config = new HashMap<>();
        config.put("evalunit.models.candidate.base-url", server.openAiBaseUrl());
        config.put("evalunit.models.judge.base-url", server.openAiBaseUrl());
        return common(config);
    }

    private Map<String, String> anthropic(BatchApiServer server) throws IOException {
        Path key = Files.writeString(dir.resolve("anthropic.key"), "sk-ant-test");
        Map<String, String> config = new HashMap<>();
        for (String model : List.of("candidate", "judge")) {
            config.put("evalunit.models." + model + ".provider", "anthropic");
            config.put("evalunit.models." + model + ".model", "claude-sonnet-4-5");
            config.put("evalunit.models." + model + ".base-url", server.anthropicBaseUrl());
            config.put("evalunit.models." + model + ".api-key", "${file:" + key + "}");
        }
        return common(config);
    }

    private Map<String, String> common(Map<String, String> config) {
        config.put("evalunit.execution", "batch");
        config.put("evalunit.batch.poll-interval", "10ms");
        config.put("evalunit.cache.mode", "live");
        config.put("evalunit.cache.dir", dir.resolve("cache").toString());
        config.put("evalunit.report.dir", dir.resolve("reports").toString());
        config.put("evalunit.error-budget", "1");
        return config;
    }

    /** Asserts the evaluation passed, showing why it did not. */
    private static void passed(EngineExecutionResults results) {
        assertThat(EngineRuns.failures(results)).isEmpty();
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    private List<JsonNode> judgments() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("reports").resolve("BatchTestCase.evaluation").resolve("judgments.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private long recordedBatches() throws IOException {
        Path batches = dir.resolve("cache").resolve(BatchJournal.FOLDER);
        if (!Files.isDirectory(batches)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(batches)) {
            return files.count();
        }
    }

    @Nested
    @DisplayName("through OpenAI's Batch API")
    class OpenAi {

        @Test
        @DisplayName("generates, then judges, in one batch per phase polled until completed; the evaluation reads every reply from the cache")
        void phaseByPhase() throws IOException {
            server = new BatchApiServer(2, ALL_ANSWER);

            passed(EngineRuns.run(BatchTestCase.class, openAi(server)));

            assertThat(server.batchSizes).as("generation batch, then judging batch").containsExactly(4, 4);
            assertThat(server.polls).as("three polls per batch: two in progress, one completed").hasValue(6);
            assertThat(server.liveCalls).as("live calls").hasValue(0);
            assertThat(judgments()).extracting(j -> j.path("choice").asText()).containsOnly("Model A");
            assertThat(judgments()).extracting(j -> j.path("response_a").asText()).containsOnly("an answer");
            assertThat(recordedBatches()).as("batch records left once their results are stored").isZero();

            Map<String, String> live = openAi(server);
            live.put("evalunit.execution", "live");
            passed(EngineRuns.run(BatchTestCase.class, live));
            assertThat(server.liveCalls).as("a live rerun finds every reply in the cache").hasValue(0);
            assertThat(server.batchesCreated).hasValue(2);
        }

        @Test
        @DisplayName("turns a failed line into its example's Error row, with the line's reason")
        void failedLine() throws IOException {
            server = new BatchApiServer(1, SPIDER_ERRORS);

            passed(EngineRuns.run(BatchTestCase.class, openAi(server)));

            List<JsonNode> judgments = judgments();
            assertThat(judgments).extracting(j -> j.path("choice").asText()).containsExactly("Model A", "Error", "Model A", "Model A");
            assertThat(judgments.get(1).path("explanation").asText())
                    .contains("model [candidate]").contains("batch line 400: Invalid content in this request");
            assertThat(server.batchSizes).as("the failed example is not judged").containsExactly(4, 3);
            assertThat(server.liveCalls).hasValue(0);
        }

        @Test
        @DisplayName("turns a line of an expired batch into an Error row saying so")
        void expiredLine() throws IOException {
            server = new BatchApiServer(1, SPIDER_EXPIRES);

            passed(EngineRuns.run(BatchTestCase.class, openAi(server)));

            List<JsonNode> judgments = judgments();
            assertThat(judgments).extracting(j -> j.path("choice").asText()).containsExactly("Model A", "Error", "Model A", "Model A");
            assertThat(judgments.get(1).path("explanation").asText())
                    .contains("could not be executed before the completion window expired");
        }

        @Test
        @DisplayName("sends a failed line again live with evalunit.batch.retry-live=true")
        void retryLive() throws IOException {
            server = new BatchApiServer(1, SPIDER_ERRORS);
            Map<String, String> config = openAi(server);
            config.put("evalunit.batch.retry-live", "true");

            passed(EngineRuns.run(BatchTestCase.class, config));

            assertThat(judgments()).extracting(j -> j.path("choice").asText()).containsOnly("Model A");
            assertThat(server.liveCalls).as("the failed generation, then its judgment, live").hasValue(2);
        }

        @Test
        @DisplayName("resumes polling the batch a stopped run submitted, instead of submitting it again")
        void resumeAfterKill() throws Exception {
            server = new BatchApiServer(0, ALL_ANSWER);
            server.hold.set(true);
            Map<String, String> config = openAi(server);
            Thread first = new Thread(() -> EngineRuns.run(BatchTestCase.class, config));
            first.start();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (server.polls.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            first.interrupt();
            first.join(20_000);
            assertThat(server.batchesCreated).as("submitted before the run was stopped").hasValue(1);
            assertThat(recordedBatches()).as("the submitted batch's record").isEqualTo(1);

            server.hold.set(false);
            int pollsBefore = server.polls.get();
            passed(EngineRuns.run(BatchTestCase.class, config));

            assertThat(server.batchSizes).as("the generation batch resumed, only the judging batch is new").containsExactly(4, 4);
            assertThat(server.polls.get()).as("the rerun polled the first batch").isGreaterThan(pollsBefore);
            assertThat(judgments()).extracting(j -> j.path("response_a").asText()).containsOnly("an answer");
            assertThat(server.liveCalls).hasValue(0);
        }
    }

    @Nested
    @DisplayName("of an experiment set")
    class ExperimentSet {

        @Test
        @DisplayName("generates every row in one batch, then the judge metric scores them in a second")
        void phaseByPhase() throws IOException {
            server = new BatchApiServer(1, ALL_ANSWER);
            Map<String, String> config = openAi(server);
            config.put("evalunit.models.m1.base-url", server.openAiBaseUrl());
            config.put("evalunit.experiments.allow-empty-metrics", "true");

            passed(EngineRuns.run(ExperimentSetTestCase.class, config));

            assertThat(server.batchSizes).as("3 generations, then 3 judgments").containsExactly(3, 3);
            assertThat(server.liveCalls).hasValue(0);
            List<String> rows = Files.readAllLines(dir.resolve("reports").resolve("prose_judge/only/observations.jsonl"));
            assertThat(rows).hasSize(3).allSatisfy(row ->
                    assertThat(JSON.readTree(row).at("/metrics/judge_precision/judge_text").asText()).isEqualTo("an answer"));
        }
    }

    @Nested
    @DisplayName("through Anthropic's Message Batches API")
    class Anthropic {

        @Test
        @DisplayName("generates, then judges, polling until ended, reading the results_url")
        void phaseByPhase() throws IOException {
            server = new BatchApiServer(2, ALL_ANSWER);

            passed(EngineRuns.run(BatchTestCase.class, anthropic(server)));

            assertThat(server.batchSizes).containsExactly(4, 4);
            assertThat(server.liveCalls).hasValue(0);
            assertThat(judgments()).extracting(j -> j.path("choice").asText()).containsOnly("Model A");
        }

        @Test
        @DisplayName("turns errored and expired lines into Error rows with their reasons")
        void failedLines() throws IOException {
            server = new BatchApiServer(1, text -> text.contains("spider") ? Outcome.ERROR
                    : text.contains("Hamlet") ? Outcome.EXPIRED : Outcome.ANSWER);

            passed(EngineRuns.run(BatchTestCase.class, anthropic(server)));

            List<JsonNode> judgments = judgments();
            assertThat(judgments).extracting(j -> j.path("choice").asText()).containsExactly("Model A", "Error", "Model A", "Error");
            assertThat(judgments.get(1).path("explanation").asText())
                    .contains("batch line errored: Invalid content in this request");
            assertThat(judgments.get(3).path("explanation").asText()).contains("batch line expired");
        }
    }

    // Fixtures: run only through the engine above.

    static class ExperimentSetTestCase {
        @dev.evalunit.api.ExperimentSet("expsets/prose-judge.json")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class BatchTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", samples = 1, instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }
}
