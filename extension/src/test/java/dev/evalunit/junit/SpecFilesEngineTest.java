package dev.evalunit.junit;

import static dev.evalunit.assertj.EvalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import dev.evalunit.testing.MessagesServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The spec-file engine ({@code evalunit-specs}) on AutoSxS pipeline definitions. The two bodies under
 * {@code src/test/resources/specfiles/evals/autosxs/} follow the pipeline job request body of Google Cloud's
 * "Run AutoSxS pipeline to perform pairwise model-based evaluation" page
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/models/side-by-side-eval): displayName,
 * runtimeConfig.gcsOutputDirectory, runtimeConfig.parameterValues and the autosxs-template templateUri; one
 * with pre-generated responses, one where model_a generates. They are reconstructed from the documented
 * fields, with the page's conventions ("" for not given, {} for no prompt parameters), and run unchanged: only
 * the dataset location (gs://...) and the models' base URLs are changed, through configuration.
 */
@DisplayName("Spec files (the evalunit-specs engine)")
class SpecFilesEngineTest {

    private static final String PREGENERATED = "specfiles/evals/autosxs/pregenerated.autosxs.json";
    private static final String GENERATING = "specfiles/evals/autosxs/generating.autosxs.json";
    private static final String GATED = "specfiles/evals/autosxs/parameters-only-gated.autosxs.json";
    private static final String INCLUDE = "specfiles/evals/**/*.autosxs.json";
    private static final String GCS_DATASET = "gs://my-bucket/autosxs/evaluation_dataset.jsonl";
    private static final String DATASET = "specfiles/evals/data/evaluation_dataset.jsonl";
    private static final String VERTEX_MODEL = "publishers/google/models/text-bison@002";

    private ChatServer server;

    @TempDir
    Path reports;

    @BeforeEach
    void startServer() {
        // The generating model answers well; the judge prefers answers marked "good".
        server = ChatServer.start(prompt -> "good: " + prompt.lines().reduce((a, b) -> b).orElse(""),
                ChatServer.judgePreferring("good"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private Map<String, String> configuration(Path reportDir) {
        Map<String, String> config = new HashMap<>();
        config.put("evalunit.models." + VERTEX_MODEL + ".base-url", server.baseUrl());
        config.put("evalunit.models.judge.base-url", server.baseUrl());
        config.put("evalunit.models.judge.max-retries", "0");
        config.put("evalunit.judge.default", "judge");
        config.put("evalunit.datasets." + GCS_DATASET, DATASET);
        config.put("evalunit.report.dir", reportDir.toString());
        config.put("evalunit.cache.mode", "off");
        return config;
    }

    private EngineExecutionResults runSpecs(Map<String, String> configuration, DiscoverySelector... selectors) {
        EngineTestKit.Builder kit = EngineTestKit.engine(SpecFilesEngine.ID).selectors(selectors);
        configuration.forEach(kit::configurationParameter);
        return kit.execute();
    }

    private static String file(Path dir, String evaluation, String name) throws IOException {
        return Files.readString(dir.resolve(evaluation).resolve(name));
    }

    @Nested
    @DisplayName("runs the AutoSxS pipeline body verbatim")
    class Verbatim {

        @Test
        @DisplayName("with pre-generated responses: the same judgments and metrics as @PairwiseEval")
        void preGenerated() throws IOException {
            Path fromFile = reports.resolve("file");
            Path fromAnnotation = reports.resolve("annotation");
            EngineExecutionResults results = runSpecs(configuration(fromFile), selectClasspathResource(PREGENERATED));
            results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
            EngineRuns.run(PreGeneratedTestCase.class, configuration(fromAnnotation))
                    .testEvents().assertStatistics(stats -> stats.succeeded(1));

            for (String name : List.of("judgments.jsonl", "metrics.json")) {
                assertThat(file(fromFile, "autosxs-pregenerated", name)).as(name)
                        .isEqualTo(file(fromAnnotation, "autosxs-pregenerated", name));
            }
            assertThat(file(fromFile, "autosxs-pregenerated", "metrics.json")).contains("\"autosxs_model_a_win_rate\": 0.75");
        }

        @Test
        @DisplayName("with model_a generating: the model (named as on Vertex AI) is called, the files match @PairwiseEval's")
        void generating() throws IOException {
            Path fromFile = reports.resolve("file");
            Path fromAnnotation = reports.resolve("annotation");
            runSpecs(configuration(fromFile), selectClasspathResource(GENERATING))
                    .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
            int calls = server.requestCount();
            assertThat(calls).as("4 answers and 4 x 4 judge samples").isEqualTo(4 + 16);
            EngineRuns.run(GeneratingTestCase.class, configuration(fromAnnotation))
                    .testEvents().assertStatistics(stats -> stats.succeeded(1));

            for (String name : List.of("judgments.jsonl", "metrics.json")) {
                assertThat(file(fromFile, "autosxs-generating", name)).as(name)
                        .isEqualTo(file(fromAnnotation, "autosxs-generating", name));
            }
        }
    }

    @Nested
    @DisplayName("runs EvalAP experiment-set bodies verbatim")
    class ExperimentSets {

        private static final String CV = "specfiles/evals/evalap/model_comparison.experiment-set.json";
        private static final String MANUAL = "specfiles/evals/evalap/manual.experiment-set.json";

        /** m1 answers correctly, m2 does not; the judge scores 1 when the answer is marked correct. */
        private ChatServer evalApServer;

        @BeforeEach
        void start() {
            evalApServer = ChatServer.start(call -> {
                if ("judge_precision".equals(call.schemaName())) {
                    return "{\"reason\": \"checked\", \"score\": " + (call.user().contains("correct: ") ? 1 : 0) + "}";
                }
                return (call.model().equals("m1") ? "correct: " : "wrong: ") + call.user();
            });
        }

        @AfterEach
        void stop() {
            evalApServer.close();
        }

        private Map<String, String> evalApConfiguration(Path reportDir) {
            Map<String, String> config = new HashMap<>();
            for (String model : List.of("m1", "m2", "judge")) {
                config.put("evalunit.models." + model + ".base-url", evalApServer.baseUrl());
                config.put("evalunit.models." + model + ".max-retries", "0");
            }
            config.put("evalunit.datasets.qa_benchmark_v2", "datasets/exp-qa.jsonl");
            config.put("evalunit.judge.default", "judge");
            config.put("evalunit.report.dir", reportDir.toString());
            config.put("evalunit.cache.mode", "off");
            return config;
        }

        @Test
        @DisplayName("cv: one test per experiment (2 models x 2 repeats) and one for the set, named dataset resolved")
        void cv() throws IOException {
            EngineExecutionResults results = runSpecs(evalApConfiguration(reports), selectClasspathResource(CV));
            results.testEvents().assertStatistics(stats -> stats.started(5).succeeded(5));
            assertThat(results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList())
                    .last().isEqualTo("experiment set model_comparison_v1");
            assertThat(Files.exists(reports.resolve("model_comparison_v1"))).isTrue();
        }

        @Test
        @DisplayName("models given by base_url speak their provider's format (api.anthropic.com: Messages), routed by configuration")
        void providersByBaseUrl() {
            try (MessagesServer anthropic = MessagesServer.start(call -> MessagesServer.Answer.of("correct: " + call.user()))) {
                Map<String, String> config = evalApConfiguration(reports);
                config.put("evalunit.base-urls.https://api.openai.com/v1", evalApServer.baseUrl());
                config.put("evalunit.base-urls.https://api.mistral.ai/v1", evalApServer.baseUrl());
                config.put("evalunit.base-urls.https://api.anthropic.com", anthropic.baseUrl());
                EngineExecutionResults results = runSpecs(config,
                        selectClasspathResource("specfiles/evals/evalap/providers.experiment-set.json"));
                results.testEvents().assertStatistics(stats -> stats.started(7).succeeded(7));
                // Claude's two runs over the 3 rows went to the Messages API, with its model id.
                assertThat(anthropic.requestCount()).isEqualTo(2 * 3);
                assertThat(anthropic.requests()).allSatisfy(body ->
                        assertThat(body.path("model").asText()).isEqualTo("claude-3-5-haiku-latest"));
            }
        }

        @Test
        @DisplayName("manual list without judge_model: the default judge scores, as in the annotation-driven run")
        void manual() throws IOException {
            Path fromFile = reports.resolve("file");
            Path fromAnnotation = reports.resolve("annotation");
            runSpecs(evalApConfiguration(fromFile), selectClasspathResource(MANUAL))
                    .testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
            EngineRuns.run(ManualSetTestCase.class, evalApConfiguration(fromAnnotation))
                    .testEvents().assertStatistics(stats -> stats.succeeded(2));
            for (String experiment : List.of("m1_baseline", "m2_candidate")) {
                Path relative = Path.of("manual_qa_v1").resolve(experiment).resolve("observations.jsonl");
                assertThat(fromFile.resolve(relative)).exists();
                List<String> fileRows = Files.readAllLines(fromFile.resolve(relative));
                assertThat(fileRows).hasSameSizeAs(Files.readAllLines(fromAnnotation.resolve(relative)));
                assertThat(fileRows).allSatisfy(row -> assertThat(row).contains("judge_precision"));
            }
        }

        @Nested
        @DisplayName("gates: an evalunit block, or evalunit.specs.gates, on each experiment's mean of a metric")
        class SetGates {

            private static final String GATED_SET = "specfiles/gates/manual-gated.experiment-set.json";

            @Test
            @DisplayName("the file's gate fails the experiment below it with the AssertJ message; the others pass")
            void fileGate() {
                EngineExecutionResults results = runSpecs(evalApConfiguration(reports), selectClasspathResource(GATED_SET));
                results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
                Event failed = results.testEvents().failed().list().get(0);
                assertThat(failed.getTestDescriptor().getDisplayName()).isEqualTo("model=m2 · run 1/1");
                assertThat(EngineRuns.failures(results).get(0)).isInstanceOf(AssertionError.class).hasMessage(
                        "Expected judge_precision mean to be greater than or equal to 0.5, but was 0; experiment"
                                + " [model=m2 · run 1/1 (m2_candidate)] over 3 rows; observations: "
                                + reports.resolve("manual_qa_gated").resolve("m2_candidate").resolve("observations.jsonl"));
            }

            @Test
            @DisplayName("the run's gate (evalunit run --gate) applies to the set's metric as well")
            void runGate() {
                Map<String, String> config = evalApConfiguration(reports);
                config.put("evalunit.specs.gates", "output_length<1");
                EngineExecutionResults results = runSpecs(config, selectClasspathResource(MANUAL));
                results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(1).failed(2));
                assertThat(EngineRuns.failures(results)).allSatisfy(failure -> assertThat(failure)
                        .isInstanceOf(AssertionError.class).hasMessageStartingWith("Expected output_length mean to be less than 1, but was 6; experiment [model=m"));
            }
        }
    }

    @Nested
    @DisplayName("model_a_prompt_parameters, as AutoSxS names them")
    class PromptParameters {

        @Test
        @DisplayName("a single parameter of any name ({'QUESTION': {'template': ...}}) is the generating model's user message")
        void anyName() {
            runSpecs(configuration(reports), selectClasspathResource("specfiles/prompts/question-parameter.autosxs.json"))
                    .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
            List<String> messages = server.requests().stream()
                    .filter(body -> body.path("model").asText().equals(VERTEX_MODEL))
                    .map(body -> body.path("messages").get(0).path("content").asText()).toList();
            assertThat(messages).containsExactlyInAnyOrder("QUESTION: What is the capital of France?",
                    "QUESTION: How many legs has a spider?", "QUESTION: What colour is the sky?",
                    "QUESTION: At what temperature does water boil at sea level?");
        }
    }

    @Nested
    @DisplayName("model_a as a Vertex AI resource name")
    class VertexResourceName {

        private static final String FILE = "specfiles/vertex/resource-name.autosxs.json";
        // Built at run time so that no key-shaped literal sits in the sources.
        private final String token = "ya29." + "test-" + java.util.UUID.randomUUID();

        @Test
        @DisplayName("not declared, it is called through the one vertex model declared (its project, location, token)")
        void throughTheVertexModel() throws IOException {
            try (dev.evalunit.testing.GenerateContentServer vertex = dev.evalunit.testing.GenerateContentServer.start(
                    prompt -> "good: " + prompt, ChatServer.judgePreferring("good"))) {
                Path tokenFile = Files.writeString(reports.resolve("vertex.token"), token + "\n");
                Map<String, String> config = configuration(reports);
                config.remove("evalunit.models.judge.base-url");
                // The keys docs/spec-files.md shows, then the stand-in's address and token.
                java.util.Properties judge = new java.util.Properties();
                try (var in = getClass().getResourceAsStream("/specfiles/vertex/vertex-judge.properties")) {
                    judge.load(in);
                }
                judge.stringPropertyNames().forEach(key -> config.put(key, judge.getProperty(key)));
                config.put("evalunit.models.judge.base-url", vertex.baseUrl());
                config.put("evalunit.models.judge.api-key", "${file:" + tokenFile + "}");
                config.put("evalunit.models.judge.temperature", "0.125");

                EngineExecutionResults results = runSpecs(config, selectClasspathResource(FILE));
                assertThat(EngineRuns.failures(results)).isEmpty();
                results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));

                String candidate = "/v1/projects/evals-project/locations/europe-west4/publishers/google/models/"
                        + "gemini-2.0-flash-001:generateContent";
                assertThat(vertex.paths().stream().filter(candidate::equals).count()).as("4 answers").isEqualTo(4);
                assertThat(vertex.authorizations()).containsOnly("Bearer " + token);
                assertThat(vertex.requests()).filteredOn(body -> !body.path("generationConfig").has("responseJsonSchema"))
                        .hasSize(4).allSatisfy(body -> assertThat(body.path("generationConfig").has("temperature"))
                                .as("the judge's sampling is its own").isFalse());
                assertThat(file(reports, "autosxs-vertex-resource-name", "metrics.json")).contains("autosxs_model_a_win_rate");
            }
        }
    }

    @Nested
    @DisplayName("gates in the file")
    class Gates {

        @Test
        @DisplayName("fail the test with the AssertJ assertion's message")
        void failingGate() {
            EngineExecutionResults results = runSpecs(configuration(reports), selectClasspathResource(GATED));
            results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
            Throwable failure = EngineRuns.failures(results).get(0);
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessage(
                    "Expected autosxs_model_a_win_rate to be greater than or equal to 0.9, but was 0.75; evaluation"
                            + " [parameters-only-gated] over 4 examples (0 errors); judgments: "
                            + reports.resolve("parameters-only-gated").resolve("judgments.jsonl"));
        }
    }

    @Nested
    @DisplayName("discovery")
    class Discovery {

        private Set<String> discovered(Map<String, String> configuration, DiscoverySelector... selectors) {
            EngineTestKit.Builder kit = EngineTestKit.engine(SpecFilesEngine.ID).selectors(selectors);
            configuration.forEach(kit::configurationParameter);
            return kit.execute().testEvents().started().stream().map(Event::getTestDescriptor)
                    .map(d -> d.getDisplayName()).collect(Collectors.toSet());
        }

        private Path testClasses() throws Exception {
            return Path.of(SpecFilesEngineTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }

        @Test
        @DisplayName("finds the files matching evalunit.specs.include under a class path root (by default evals/**)")
        void classpathRoot() throws Exception {
            DiscoverySelector root = selectClasspathRoots(Set.of(testClasses())).get(0);
            // This module keeps its fixtures out of evals/, so that no launcher of its own tests runs them.
            assertThat(discovered(Map.of(), root)).isEmpty();
            assertThat(discovered(Map.of("evalunit.specs.include", INCLUDE), root))
                    .containsExactlyInAnyOrder(PREGENERATED, GENERATING, GATED);
        }

        @Test
        @DisplayName("finds them next to the test classes a build tool selects, unless told not to")
        void besideTestClasses() {
            assertThat(discovered(Map.of("evalunit.specs.include", INCLUDE), selectClass(SpecFilesEngineTest.class)))
                    .containsExactlyInAnyOrder(PREGENERATED, GENERATING, GATED);
            assertThat(discovered(Map.of("evalunit.specs.include", INCLUDE, "evalunit.specs.with-test-classes", "false"),
                    selectClass(SpecFilesEngineTest.class))).isEmpty();
        }

        @Test
        @DisplayName("honours a unique id, as an IDE re-runs one test")
        void uniqueId() {
            assertThat(discovered(Map.of(), selectUniqueId(UniqueId.forEngine(SpecFilesEngine.ID).append("spec-file", GATED))))
                    .containsExactly(GATED);
        }
    }

    static class ManualSetTestCase {
        @dev.evalunit.api.ExperimentSet("specfiles/evals/evalap/manual.experiment-set.json")
        void eachExperiment(dev.evalunit.api.experiment.ExperimentResult experiment) {
        }
    }

    static class PreGeneratedTestCase {
        @PairwiseEval(name = "autosxs-pregenerated", dataset = DATASET, task = Task.QUESTION_ANSWERING, idColumns = "context",
                autorater = @Autorater(model = "judge", instruction = @Prompt(template = "Answer the question: {{ question }}"),
                        context = @Prompt(column = "context")),
                modelA = @Candidate(responseColumn = "pred_a"),
                modelB = @Candidate(responseColumn = "pred_b"))
        void run(PairwiseResult result) {
            assertThat(result).hasNoErrors();
        }
    }

    static class GeneratingTestCase {
        @PairwiseEval(name = "autosxs-generating", dataset = DATASET, task = Task.QUESTION_ANSWERING, idColumns = "context",
                autorater = @Autorater(model = "judge", instruction = @Prompt(template = "Answer the question: {{ question }}"),
                        context = @Prompt(column = "context")),
                modelA = @Candidate(model = VERTEX_MODEL,
                        params = @PromptParam(name = "prompt", template = "{{ context }}\n{{ question }}")),
                modelB = @Candidate(responseColumn = "pred_b"))
        void run(PairwiseResult result) {
            assertThat(result).hasNoErrors();
        }
    }
}
