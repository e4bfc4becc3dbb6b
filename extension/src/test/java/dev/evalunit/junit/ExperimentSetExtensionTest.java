package dev.evalunit.junit;

import static dev.evalunit.assertj.EvalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.ExperimentSetResults;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetDefinition;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.usage.Usage;
import dev.evalunit.budget.EvaluationInfrastructureException;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.internal.JupiterVersion;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

@DisplayName("@ExperimentSet")
class ExperimentSetExtensionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 3;

    /** m1 answers correctly, m2 does not; the judge scores 1 when the answer is marked correct. */
    private static final Function<ChatServer.Call, String> MODELS_AND_JUDGE = call -> {
        if ("judge_precision".equals(call.schemaName())) {
            boolean correct = call.user().contains("correct: ");
            return "{\"reason\": \"checked\", \"score\": " + (correct ? 1 : 0) + "}";
        }
        return (call.model().equals("m1") ? "correct: " : "wrong: ") + call.user();
    };

    private ChatServer server;

    @TempDir
    Path reports;

    @AfterEach
    void stop() {
        server.close();
    }

    /** The judge never answers with a score; the models answer. */
    private static final Function<ChatServer.Call, String> PROSE_JUDGE = call ->
            call.schemaName() != null ? "I think the answer is quite good overall." : "correct: " + call.user();

    private EngineExecutionResults run(Class<?> testCase, Function<ChatServer.Call, String> handler) {
        return run(testCase, handler, Map.of());
    }

    private EngineExecutionResults run(Class<?> testCase, Function<ChatServer.Call, String> handler, Map<String, String> extra) {
        server = ChatServer.start(handler);
        Map<String, String> config = new HashMap<>();
        for (String model : List.of("m1", "m2", "judge")) {
            config.put("evalunit.models." + model + ".base-url", server.baseUrl());
            config.put("evalunit.models." + model + ".max-retries", "0");
        }
        config.put("evalunit.report.dir", reports.toString());
        // These tests count calls: identical judge requests of two configurations would be cached.
        config.put("evalunit.cache.mode", "off");
        config.putAll(extra);
        return EngineRuns.run(testCase, config);
    }

    private List<String> startedTestNames(EngineExecutionResults results) {
        return results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    @Nested
    @DisplayName("a 2x2 grid with 3 repeats")
    class Grid {

        @Test
        @DisplayName("runs 12 experiments, each its own test named by what differs and its run")
        void invocations() {
            EngineExecutionResults results = run(GridTestCase.class, MODELS_AND_JUDGE);

            List<String> names = startedTestNames(results);
            // JUnit's method order may run the set-level test first: the set runs for whichever asks first.
            assertThat(names).contains("bestConfiguration(ExperimentSetResult)");
            assertThat(names.stream().filter(n -> n.contains(" · run "))).containsExactly(
                    "model=m1, temperature=0.2 · run 1/3", "model=m1, temperature=0.2 · run 2/3", "model=m1, temperature=0.2 · run 3/3",
                    "model=m1, temperature=0.8 · run 1/3", "model=m1, temperature=0.8 · run 2/3", "model=m1, temperature=0.8 · run 3/3",
                    "model=m2, temperature=0.2 · run 1/3", "model=m2, temperature=0.2 · run 2/3", "model=m2, temperature=0.2 · run 3/3",
                    "model=m2, temperature=0.8 · run 1/3", "model=m2, temperature=0.8 · run 2/3", "model=m2, temperature=0.8 · run 3/3");
            // Only m2's six experiments fail their threshold; the set-level test passes.
            results.testEvents().assertStatistics(stats -> stats.started(13).succeeded(7).failed(6));
        }

        @Test
        @DisplayName("runs the set once for its experiments and the set-level test: rows x experiments x calls per row")
        void computedOnce() {
            run(GridTestCase.class, MODELS_AND_JUDGE);

            // One generation and one judge_precision call per row; output_length calls nothing.
            assertThat(server.requestCount()).isEqualTo(ROWS * 12 * 2);
        }

        @Test
        @DisplayName("deep-merges each grid value onto the common parameters")
        void deepMerge() {
            run(GridTestCase.class, MODELS_AND_JUDGE);

            List<JsonNode> generations = server.requests().stream()
                    .filter(r -> !r.path("model").asText().equals("judge")).toList();
            assertThat(generations).hasSize(ROWS * 12).allSatisfy(r -> {
                assertThat(r.path("max_completion_tokens").asInt()).as("common max_tokens kept, sent as max_completion_tokens").isEqualTo(64);
                assertThat(r.path("temperature").asDouble()).as("grid temperature wins").isIn(0.2, 0.8);
            });
        }

        @Test
        @DisplayName("announces each experiment's folder on its own test as the report entry evalunit.experiment")
        void reportEntries() {
            EngineExecutionResults results = run(GridTestCase.class, MODELS_AND_JUDGE);

            Map<String, String> folders = new HashMap<>();
            results.allEvents().reportingEntryPublished().stream()
                    .filter(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().containsKey("evalunit.experiment"))
                    .forEach(e -> folders.merge(e.getTestDescriptor().getDisplayName(),
                            e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("evalunit.experiment"),
                            (a, b) -> a + " and " + b));
            assertThat(folders).hasSize(12)
                    .containsEntry("model=m1, temperature=0.2 · run 1/3", reports.resolve("grid_2x2/grid_2x2__0").toString())
                    .containsEntry("model=m2, temperature=0.8 · run 3/3", reports.resolve("grid_2x2/grid_2x2__11").toString());
            // The failing experiments (m2's) announce their folder too: the failure points at files one can read.
            assertThat(folders.values()).allSatisfy(folder -> assertThat(Path.of(folder).resolve("observations.jsonl")).exists());
            // The build runs on the oldest supported Jupiter, which has no file publishing; the consumer
            // matrix (compat/) checks the attached files on 5.12 and later.
            assertThat(FileAttachments.supported()).isEqualTo(JupiterVersion.running().atLeast(5, 12));
        }

        @Test
        @DisplayName("writes observations and a summary per experiment, and a set summary")
        void files() throws IOException {
            run(GridTestCase.class, MODELS_AND_JUDGE);

            Path set = reports.resolve("grid_2x2");
            assertThat(set.resolve("set-summary.json")).exists();
            Path first = set.resolve("grid_2x2__0");
            List<String> lines = Files.readAllLines(first.resolve("observations.jsonl"));
            assertThat(lines).hasSize(ROWS);
            JsonNode row = JSON.readTree(lines.get(0));
            assertThat(row.get("row_id").asText()).isEqualTo("e1");
            assertThat(row.get("output").asText()).startsWith("correct: ");
            assertThat(row.at("/metrics/judge_precision/score").asDouble()).isEqualTo(1.0);
            assertThat(row.at("/metrics/judge_precision/judge_text").asText()).contains("\"score\": 1");
            JsonNode summary = JSON.readTree(first.resolve("summary.json").toFile());
            assertThat(summary.get("repeat_index").asInt()).isZero();
            assertThat(summary.at("/configuration/model/name").asText()).isEqualTo("m1");
            assertThat(summary.at("/metrics/judge_precision/mean").asDouble()).isEqualTo(1.0);
        }

        @Test
        @DisplayName("gives each experiment's summary.json the tokens of its own rows' replies; together they are the set's")
        void tokensPerExperiment() throws IOException {
            run(GridTestCase.class, MODELS_AND_JUDGE);

            // ChatServer: 10 input and 5 output tokens per reply; each row gets one answer and one judge_precision reply.
            Path set = reports.resolve("grid_2x2");
            Map<String, long[]> sums = new java.util.TreeMap<>();
            for (int e = 0; e < 12; e++) {
                JsonNode summary = JSON.readTree(set.resolve("grid_2x2__" + e).resolve("summary.json").toFile());
                String model = summary.at("/configuration/model/name").asText();
                JsonNode tokens = summary.get("tokens");
                assertThat(tokens.fieldNames()).toIterable().as("experiment %s", e).containsExactly("judge", model);
                for (String name : List.of("judge", model)) {
                    assertThat(tokens.path(name).path("input").asLong()).as("%s of experiment %s", name, e).isEqualTo(ROWS * 10);
                    assertThat(tokens.path(name).path("output").asLong()).as("%s of experiment %s", name, e).isEqualTo(ROWS * 5);
                    assertThat(tokens.path(name).path("input_from_cache").asLong()).isZero();
                    long[] sum = sums.computeIfAbsent(name, n -> new long[2]);
                    sum[0] += tokens.path(name).path("input").asLong();
                    sum[1] += tokens.path(name).path("output").asLong();
                }
                assertThat(summary.has("cost_usd")).as("no price table, no cost").isFalse();
            }
            JsonNode whole = JSON.readTree(set.resolve("set-summary.json").toFile()).get("tokens");
            assertThat(whole.fieldNames()).toIterable().containsExactlyElementsOf(sums.keySet());
            sums.forEach((name, sum) -> {
                assertThat(whole.path(name).path("input").asLong()).as(name).isEqualTo(sum[0]);
                assertThat(whole.path(name).path("output").asLong()).as(name).isEqualTo(sum[1]);
            });
            // In Java: each ExperimentResult has the same figures as its file.
            ExperimentSetResult received = GridTestCase.received;
            assertThat(received.experiments()).hasSize(12).allSatisfy(experiment -> {
                assertThat(experiment.usage().input()).as(experiment.name()).isEqualTo(2L * ROWS * 10);
                assertThat(experiment.usage().models()).extracting(Usage.ModelUsage::model)
                        .containsExactly("judge", experiment.modelName());
            });
            assertThat(received.experiments().stream().mapToLong(e -> e.usage().output()).sum())
                    .isEqualTo(received.usage().output());
        }

        @Test
        @DisplayName("counts a reply the cache gave an experiment as that experiment's, from the cache, priced as the set's")
        void cachedTokensPerExperiment() throws IOException {
            Map<String, String> live = Map.of("evalunit.cache.mode", "live",
                    "evalunit.cache.dir", reports.resolve("cache").toString(),
                    "evalunit.prices.judge.input-per-mtok", "1.0", "evalunit.prices.judge.output-per-mtok", "2.0");
            run(GridTestCase.class, MODELS_AND_JUDGE, live);
            server.close();
            run(GridTestCase.class, MODELS_AND_JUDGE, live);

            assertThat(server.requestCount()).as("the second run asked nothing").isZero();
            Path set = reports.resolve("grid_2x2");
            double costs = 0;
            for (int e = 0; e < 12; e++) {
                JsonNode summary = JSON.readTree(set.resolve("grid_2x2__" + e).resolve("summary.json").toFile());
                JsonNode judge = summary.at("/tokens/judge");
                assertThat(judge.path("input").asLong()).isEqualTo(ROWS * 10);
                assertThat(judge.path("input_from_cache").asLong()).as("experiment %s", e).isEqualTo(ROWS * 10);
                assertThat(judge.path("output_from_cache").asLong()).isEqualTo(ROWS * 5);
                // 30 tokens in at $1 and 15 out at $2 per million; the answering model has no price.
                assertThat(summary.at("/cost_usd/judge").asDouble()).isEqualTo(0.00006);
                assertThat(summary.at("/cost_usd/total").isNull()).isTrue();
                costs += summary.at("/cost_usd/judge").asDouble();
            }
            assertThat(JSON.readTree(set.resolve("set-summary.json").toFile()).at("/cost_usd/judge").asDouble())
                    .isCloseTo(costs, org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Nested
    @DisplayName("declared in Java")
    class Declarations {

        @Test
        @DisplayName("with a builder method or with attributes, runs the same grid as the JSON")
        void builderAndAttributes() {
            EngineExecutionResults builder = run(BuilderTestCase.class, MODELS_AND_JUDGE);
            server.close();
            EngineExecutionResults attributes = run(AttributesTestCase.class, MODELS_AND_JUDGE);

            assertThat(startedTestNames(builder)).hasSize(12).first().isEqualTo("model=m1, temperature=0.2 · run 1/3");
            assertThat(startedTestNames(attributes)).hasSize(4).containsExactly(
                    "model=m1, temperature=0.2 · run 1/1", "model=m1, temperature=0.8 · run 1/1",
                    "model=m2, temperature=0.2 · run 1/1", "model=m2, temperature=0.8 · run 1/1");
        }
    }

    @Nested
    @DisplayName("when the set is wrong")
    class WhenWrong {

        @Test
        @DisplayName("a pre-generated output of the wrong length fails every experiment before any call")
        void wrongLength() {
            EngineExecutionResults results = run(ShortOutputTestCase.class, MODELS_AND_JUDGE);

            // Reported once, on the first experiment; the other one is aborted with a reference to it.
            assertThat(EngineRuns.failures(results)).singleElement().satisfies(failure -> assertThat(failure).hasMessage(
                    "Configuration error: pre-generated model [baseline] of experiment [short] has 2 outputs, but dataset"
                            + " [datasets/exp-qa.jsonl] has 3 rows. Give exactly one output per row, in dataset order."));
            results.testEvents().assertStatistics(stats -> stats.started(2).failed(1).aborted(1));
            assertThat(server.requestCount()).isZero();
        }
    }

    @Nested
    @DisplayName("when the judge answers in prose")
    class ProseJudge {

        @Test
        @DisplayName("the score is null, with an error that says so and the judge's text kept")
        void nullScoreWithError() throws IOException {
            EngineExecutionResults results = run(ProseJudgeTestCase.class, PROSE_JUDGE,
                    Map.of(ConfigKeys.ALLOW_EMPTY_METRICS, "true"));

            results.testEvents().assertStatistics(stats -> stats.succeeded(1));
            JsonNode row = JSON.readTree(Files.readAllLines(reports.resolve("prose_judge/only/observations.jsonl")).get(0));
            assertThat(row.at("/metrics/judge_precision/score").isNull()).isTrue();
            assertThat(row.at("/metrics/judge_precision/error").asText()).startsWith("the judge's reply could not be read");
            assertThat(row.at("/metrics/judge_precision/judge_text").asText()).isEqualTo("I think the answer is quite good overall.");
        }
    }

    @Nested
    @DisplayName("a metric with no value on any row")
    class EmptyMetric {

        @Test
        @DisplayName("fails its experiment as an error, naming the experiment, the metric and the commonest reasons")
        void failsTheExperiment() {
            EngineExecutionResults results = run(ProseJudgeTestCase.class, PROSE_JUDGE);

            results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
            Path observations = reports.resolve("prose_judge").resolve("only");
            assertThat(EngineRuns.failures(results)).singleElement().satisfies(failure -> {
                assertThat(failure).isInstanceOf(EvaluationInfrastructureException.class);
                assertThat(failure).hasMessage("experiment [prose_judge · run 1/1 (only)] of set [prose_judge]: metric"
                        + " [judge_precision] produced no value on any of its 3 rows. Commonest reasons: 3 × judge reply"
                        + " without verdict (e.g. the judge's reply could not be read: " + PROSE_REASON + "). The observations are in " + observations
                        + ". Fix the metric or its judge, or set [evalunit.experiments.allow-empty-metrics] to true if an"
                        + " empty metric is expected.");
            });
        }

        @Test
        @DisplayName("lists every empty metric of the experiment with its own reasons")
        void everyEmptyMetric() {
            EngineExecutionResults results = run(TwoJudgesTestCase.class, PROSE_JUDGE);

            assertThat(EngineRuns.failures(results)).singleElement().satisfies(failure -> assertThat(failure.getMessage())
                    .contains("metrics [judge_precision, judge_exactness] produced no value on any of its 3 rows."
                            + " Commonest reasons: [judge_precision] 3 × judge reply without verdict (e.g. the judge's reply"
                            + " could not be read: ")
                    .contains("; [judge_exactness] 3 × judge reply without verdict (e.g. the judge's reply could not be read: "));
        }

        @Test
        @DisplayName("passes when the run allows empty metrics")
        void allowed() {
            EngineExecutionResults results = run(ProseJudgeTestCase.class, PROSE_JUDGE,
                    Map.of(ConfigKeys.ALLOW_EMPTY_METRICS, "true"));

            results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        }

        @Test
        @DisplayName("a metric that failed on some rows only stays a figure: the experiment passes")
        void someRowsOnly() {
            EngineExecutionResults results = run(SomeRowsTestCase.class, call -> call.schemaName() == null
                    ? "correct: " + call.user()
                    : call.user().contains("spider") ? "I think so." : "{\"reason\": \"ok\", \"score\": 1}");

            results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        }

        @Test
        @DisplayName("does not fail the set-level test: the experiments' tests report it, once each")
        void setLevelTestPasses() {
            EngineExecutionResults results = run(EmptyMetricWithSetTestCase.class, PROSE_JUDGE);

            results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(1).failed(2));
            assertThat(results.testEvents().succeeded().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                    .containsExactly("wholeSet(ExperimentSetResult)");
        }
    }

    @Nested
    @DisplayName("a set-level configuration error")
    class SetLevelError {

        @Test
        @DisplayName("found while planning fails the first experiment with a short trace and aborts the others with a reference")
        void reportedOnce() {
            EngineExecutionResults results = run(UnknownMetricTestCase.class, MODELS_AND_JUDGE);

            results.testEvents().assertStatistics(stats -> stats.started(4).failed(1).aborted(3));
            Throwable failure = EngineRuns.failures(results).get(0);
            assertThat(failure).isInstanceOf(ConfigurationException.class).hasMessage(UNKNOWN_METRIC);
            assertThat(failure.getStackTrace()).hasSizeLessThanOrEqualTo(SetFailures.SHORT_TRACE);
            assertThat(abortions(results)).hasSize(3).allSatisfy(reason -> assertThat(reason).isEqualTo("Not run:"
                    + " experiment set [typo] failed with a configuration error, reported once on"
                    + " [eachExperiment(ExperimentResult) › model=m1, temperature=0.2 · run 1/1]."));
            assertThat(server.requestCount()).isZero();
        }

        @Test
        @DisplayName("in the declaration is reported once, on the set-level test or the @ExperimentSet container")
        void declarationReportedOnce() {
            EngineExecutionResults results = run(MalformedSetTestCase.class, MODELS_AND_JUDGE);

            // JUnit's method order runs the set-level test first here: JUnit wraps what its parameter resolver throws.
            assertThat(results.allEvents().failed().stream().map(ExperimentSetExtensionTest::throwable)).singleElement()
                    .satisfies(failure -> assertThat(failure.getCause()).isInstanceOf(ConfigurationException.class)
                            .hasMessageStartingWith("Configuration error: experiment set file [expsets/malformed.json] is"
                                    + " not valid JSON at line 2, column 1: "));
            assertThat(results.allEvents().aborted().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                    .containsExactly("eachExperiment(ExperimentResult)");
            assertThat(results.allEvents().aborted().stream().map(ExperimentSetExtensionTest::throwable).map(Throwable::getMessage))
                    .containsExactly("Not run: the experiment set of MalformedSetTestCase.eachExperiment failed with a"
                            + " configuration error, reported once on [wholeSet(ExperimentSetResult)].");
        }
    }

    @Nested
    @DisplayName("an assertion that fails")
    class FailedAssertion {

        @Test
        @DisplayName("names the experiment by what tells it apart, its run and its name")
        void namesTheExperiment() {
            EngineExecutionResults results = run(GridTestCase.class, MODELS_AND_JUDGE);

            assertThat(EngineRuns.failures(results)).hasSize(6).first().satisfies(failure -> assertThat(failure.getMessage())
                    .contains("experiment [model=m2, temperature=0.2 · run 1/3 (grid_2x2__6)] over 3 rows; observations: "
                            + reports.resolve("grid_2x2").resolve("grid_2x2__6").resolve("observations.jsonl")));
        }
    }

    private static final String PROSE_REASON = "it has no JSON object with a \"score\"";

    private static final String UNKNOWN_METRIC = "Configuration error: metric [judge_precison] is unknown. Did you mean"
            + " [judge_precision]? Available metrics: answer_relevancy, contextual_relevancy, faithfulness, generation_time,"
            + " judge_adhoc, judge_completude, judge_exactness, judge_notator, judge_precision, judge_rambling, judge_relevant,"
            + " nb_tokens_completion, nb_tokens_prompt, output_length. Use one of these names, or register your own metric"
            + " in META-INF/services/dev.evalunit.api.spi.Metric.";

    private static Throwable throwable(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }

    private static List<String> abortions(EngineExecutionResults results) {
        return results.testEvents().aborted().stream().map(ExperimentSetExtensionTest::throwable).map(Throwable::getMessage).toList();
    }

    // Fixtures: run only through the engine above.

    static class GridTestCase {
        /** What the set-level test received, the last run. */
        static volatile ExperimentSetResult received;

        @ExperimentSet("expsets/grid-2x2.json")
        void eachExperiment(ExperimentResult experiment) {
            assertThat(experiment).metric("judge_precision").mean().isGreaterThan(0.7);
        }

        @Test
        void bestConfiguration(@ExperimentSetResults("grid_2x2") ExperimentSetResult set) {
            received = set;
            assertThat(set).best("judge_precision").hasModel("m1");
            assertThat(set).best("judge_precision").statistic("judge_precision").ciLow().isGreaterThanOrEqualTo(0.99);
            assertThat(set.configurations()).hasSize(4);
        }
    }

    static class BuilderTestCase {
        static ExperimentSetDefinition grid() {
            return ExperimentSetDefinition.named("grid_built")
                    .common("dataset", "datasets/exp-qa.jsonl")
                    .common("model", Map.of("sampling_params", Map.of("max_tokens", 64)))
                    .common("metrics", List.of("judge_precision", "output_length"))
                    .common("judge_model", "judge")
                    .grid("model", List.of(Map.of("name", "m1"), Map.of("name", "m2")))
                    .grid("model.sampling_params.temperature", List.of(0.2, 0.8))
                    .repeat(3)
                    .build();
        }

        @ExperimentSet(builder = "grid")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class AttributesTestCase {
        @ExperimentSet(name = "grid_attributes", dataset = "datasets/exp-qa.jsonl", metrics = "output_length",
                models = {"m1", "m2"}, temperatures = {0.2, 0.8})
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class ShortOutputTestCase {
        @ExperimentSet("expsets/short-output.json")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class ProseJudgeTestCase {
        @ExperimentSet("expsets/prose-judge.json")
        void eachExperiment(ExperimentResult experiment) {
            assertThat(experiment).metric("judge_precision").failureRate().isEqualTo(1.0);
        }
    }

    static class TwoJudgesTestCase {
        @ExperimentSet(name = "two_judges", dataset = "datasets/exp-qa.jsonl", metrics = {"judge_precision", "judge_exactness"},
                models = "m1", judgeModel = "judge")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class SomeRowsTestCase {
        @ExperimentSet("expsets/prose-judge.json")
        void eachExperiment(ExperimentResult experiment) {
            assertThat(experiment).metric("judge_precision").failureRate().isGreaterThan(0.3).isLessThan(0.4);
        }
    }

    static class EmptyMetricWithSetTestCase {
        @ExperimentSet(name = "empty_judge", dataset = "datasets/exp-qa.jsonl", metrics = "judge_precision",
                models = {"m1", "m2"}, judgeModel = "judge")
        void eachExperiment(ExperimentResult experiment) {
        }

        @Test
        void wholeSet(@ExperimentSetResults("empty_judge") ExperimentSetResult set) {
            assertThat(set.experiments()).allSatisfy(e -> assertThat(e.metric("judge_precision").orElseThrow().support()).isZero());
        }
    }

    static class UnknownMetricTestCase {
        @ExperimentSet(name = "typo", dataset = "datasets/exp-qa.jsonl", metrics = "judge_precison",
                models = {"m1", "m2"}, temperatures = {0.2, 0.8})
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class MalformedSetTestCase {
        @ExperimentSet("expsets/malformed.json")
        void eachExperiment(ExperimentResult experiment) {
        }

        @Test
        void wholeSet(@ExperimentSetResults("malformed") ExperimentSetResult set) {
        }
    }
}
