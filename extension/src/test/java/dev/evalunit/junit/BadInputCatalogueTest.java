package dev.evalunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.Model;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.PairwiseTournament;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.budget.EvaluationInfrastructureException;
import dev.evalunit.cli.Main;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.dataset.DatasetLoader;
import dev.evalunit.metrics.MetricRegistry;
import dev.evalunit.metrics.ServiceMetricFixtures;
import dev.evalunit.model.ModelClients;
import dev.evalunit.pairwise.MethodBinder;
import dev.evalunit.pairwise.PairwisePlanner;
import dev.evalunit.pairwise.PairwiseSpec;
import dev.evalunit.pairwise.PromptSpec;
import dev.evalunit.pairwise.SideSpec;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * The catalogue of bad input: each mistake a user can make in a declaration, a dataset or the
 * configuration, with the exact message they see. Every fixture runs against a live loopback server
 * that would answer any call; the server must see none, because every mistake is found while planning.
 * The mistakes only a server can reveal (a refused key, an unknown model id, a wrong base URL) cost
 * exactly one request: the model's first call goes alone, and its reply stops the evaluation.
 */
@DisplayName("Bad input is refused with its own message, before any request reaches a server")
class BadInputCatalogueTest {

    private ChatServer server;

    @TempDir
    Path reports;

    @BeforeEach
    void start() {
        server = ChatServer.start(call -> call.isAutorater() ? ChatServer.verdict("A", "A is better") : "an answer");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> configuration() {
        Map<String, String> config = new HashMap<>();
        for (String model : List.of("candidate", "judge", "m1")) {
            config.put("evalunit.models." + model + ".base-url", server.baseUrl());
        }
        config.put("evalunit.report.dir", reports.toString());
        return config;
    }

    private EngineExecutionResults assertRefused(Class<?> fixture, String message) {
        return assertRefused(fixture, Map.of(), message);
    }

    /** Every test or container of the fixture fails with {@code message}, none passes, and no request was made. */
    private EngineExecutionResults assertRefused(Class<?> fixture, Map<String, String> extra, String message) {
        Map<String, String> config = configuration();
        config.putAll(extra);
        EngineExecutionResults results = EngineRuns.run(fixture, config);

        List<Throwable> failures = results.allEvents().failed().stream().map(BadInputCatalogueTest::throwable).toList();
        assertThat(failures).isNotEmpty().allSatisfy(failure -> assertThat(failure)
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(message));
        assertThat(results.testEvents().succeeded().count()).isZero();
        assertThat(server.requestCount()).as("requests that reached the server").isZero();
        return results;
    }

    private static Throwable throwable(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }

    @Nested
    @DisplayName("an experiment set's in-process method")
    class InProcessMethod {
        @Test
        @DisplayName("that the test class lacks names it and the signatures it may have")
        void missing() {
            assertRefused(MissingMethodTestCase.class, "Configuration error: [model] of experiment [missing_method__0]"
                    + " names method [answr], but MissingMethodTestCase has no method answr(String prompt) or"
                    + " answr(Map<String, String> params) returning String. Declare exactly one.");
        }

        @Test
        @DisplayName("given sampling parameters names what a method cannot take")
        void samplingParams() {
            assertRefused(MethodWithSamplingTestCase.class, "Configuration error: [model] of experiment [method_sampling__0]"
                    + " names method [answer] and also sets [sampling_params], which configure a model the method"
                    + " replaces. Give a method with only [method, prelude_prompt], or a model with [name].");
        }
    }

    /** As {@link #assertRefused}, for a spec file run by the {@code evalunit-specs} engine. */
    private void assertSpecRefused(String resource, Map<String, String> extra, String message) {
        Map<String, String> config = configuration();
        config.put("evalunit.judge.default", "judge");
        config.put("evalunit.cache.mode", "off");
        config.putAll(extra);
        EngineTestKit.Builder kit = EngineTestKit.engine(SpecFilesEngine.ID)
                .selectors(DiscoverySelectors.selectClasspathResource("bad-input/specs/" + resource));
        config.forEach(kit::configurationParameter);
        EngineExecutionResults results = kit.execute();
        long tests = results.testEvents().started().count();
        assertThat(tests).as("tests of the spec file run").isPositive();
        List<Throwable> failures = results.testEvents().failed().stream().map(BadInputCatalogueTest::throwable).toList();
        assertThat(failures).as("each test fails").hasSize((int) tests).allSatisfy(failure -> assertThat(failure)
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(message));
        assertThat(server.requestCount()).as("requests that reached the server").isZero();
    }

    @Nested
    @DisplayName("a spec file (AutoSxS pipeline JSON)")
    class SpecFiles {
        @Test
        @DisplayName("reading a Google Cloud location says how to give a local copy")
        void cloudDataset() {
            assertSpecRefused("gcs-dataset.autosxs.json", Map.of(), "Configuration error: dataset"
                    + " [gs://my-bucket/eval.jsonl] is a Google Cloud location, which evalunit does not read. Copy it to"
                    + " a file (e.g. gcloud storage cp, or bq extract as JSON Lines) and set"
                    + " evalunit.datasets.gs://my-bucket/eval.jsonl=<path of the copy>, keeping the JSON as it is.");
        }

        @Test
        @DisplayName("with a misspelt parameter suggests the right one")
        void misspeltKey() {
            assertSpecRefused("misspelt-key.autosxs.json", Map.of(), "Configuration error: [parameterValues] of spec file"
                    + " [bad-input/specs/misspelt-key.autosxs.json] has unknown key [id_column]. Did you mean [id_columns]?"
                    + " Use only evaluation_dataset, id_columns, task, autorater_prompt_parameters, response_column_a,"
                    + " response_column_b, model_a, model_b, model_a_prompt_parameters, model_b_prompt_parameters,"
                    + " human_preference_column, judgments_format, bigquery_destination_prefix, experimental_args,"
                    + " encryption_spec_key_name, evalunit.");
        }

        @Test
        @DisplayName("with a gate that is not a comparison shows how to write one")
        void badGate() {
            assertSpecRefused("bad-gate.autosxs.json", Map.of(), "Configuration error: spec file"
                    + " [bad-input/specs/bad-gate.autosxs.json] gives gate [autosxs_model_a_win_rate] the condition"
                    + " [at least 0.5]. Write a comparison with a number, e.g. \">= 0.5\" (one of >=, >, <=, <).");
        }

        @Test
        @DisplayName("gating a figure metrics.json does not have suggests the closest")
        void unknownFigure() {
            assertSpecRefused("unknown-figure.autosxs.json", Map.of(), "Configuration error: spec file"
                    + " [bad-input/specs/unknown-figure.autosxs.json] gates [cohen_kappa], which is not a figure of"
                    + " metrics.json. Did you mean [cohens_kappa]?");
        }

        @Test
        @DisplayName("without a judge says which key names it")
        void noJudge() {
            assertSpecRefused("no-judge.autosxs.json", Map.of("evalunit.judge.default", " "), "Configuration error:"
                    + " spec file [bad-input/specs/no-judge.autosxs.json] has no autorater: AutoSxS's is chosen by"
                    + " Vertex AI. Set evalunit.judge.default=<model> and declare that model under evalunit.models.<model>.*.");
        }

        @Test
        @DisplayName("of another pipeline template is refused")
        void otherTemplate() {
            assertSpecRefused("other-template.autosxs.json", Map.of(), "Configuration error: spec file"
                    + " [bad-input/specs/other-template.autosxs.json] runs template"
                    + " [https://us-kfp.pkg.dev/ml-pipeline/google-cloud-registry/llm-text-generation-eval/default], which"
                    + " is not the AutoSxS pipeline. Use the AutoSxS template (…/autosxs-template/default), or remove templateUri.");
        }

        @Test
        @DisplayName("an experiment-set file with a literal api_key is refused with the reference forms, the key not echoed")
        void literalApiKey() {
            assertSpecRefused("literal-key.experiment-set.json", Map.of(), "Configuration error: [api_key] of experiment"
                    + " set [literal_key] is not a reference. Write ${env:NAME} or ${file:PATH} instead of the key itself.");
        }

        @Test
        @DisplayName("run with a misspelt configuration key fails with the key meant, before any call")
        void misspeltConfigurationKey() {
            assertSpecRefused("no-judge.autosxs.json", Map.of("evalunit.judge.defualt", "judge"), "Configuration error:"
                    + " [evalunit.judge.defualt] is not a configuration key. Did you mean [evalunit.judge.default]?"
                    + " Correct it, or remove it.");
        }

        @Test
        @DisplayName("run with a gate key that is not metric>=value shows how to write one")
        void badGateKey() {
            assertSpecRefused("no-judge.autosxs.json", Map.of(ConfigKeys.SPECS_GATES, "autosxs_model_a_win_rate at least 0.5"),
                    "Configuration error: configuration key [evalunit.specs.gates] gives the gate [autosxs_model_a_win_rate"
                    + " at least 0.5]. Write a figure or metric name, a comparison and a number, e.g."
                    + " autosxs_model_a_win_rate>=0.5 (one of >=, >, <=, <).");
        }

        @Test
        @DisplayName("run with a gate key on a figure metrics.json does not have suggests the closest")
        void unknownFigureKey() {
            assertSpecRefused("no-judge.autosxs.json", Map.of(ConfigKeys.SPECS_GATES, "autosxs_model_a_win_rate>=0.5, cohen_kappa>0.4"),
                    "Configuration error: configuration key [evalunit.specs.gates] gates [cohen_kappa], which is not a"
                    + " figure of metrics.json. Did you mean [cohens_kappa]?");
        }

        @Test
        @DisplayName("an experiment-set file's gate on a metric the set does not measure suggests the closest")
        void unknownSetMetric() {
            assertSpecRefused("unknown-metric.experiment-set.json", Map.of(), "Configuration error: spec file"
                    + " [bad-input/specs/unknown-metric.experiment-set.json] gates [judge_precison], which is not a metric"
                    + " of experiment set [unknown_metric]. Did you mean [judge_precision]?");
        }

        @Test
        @DisplayName("run with a gate key that no file run has (an AutoSxS figure over an experiment set) is refused")
        void gateKeyOnNoFile() {
            assertSpecRefused("judged.experiment-set.json", Map.of(ConfigKeys.SPECS_GATES, "judge_precison>=0.5"),
                    "Configuration error: configuration key [evalunit.specs.gates] gates [judge_precison], which is not a"
                    + " metric of experiment set [judged]. Did you mean [judge_precision]?");
        }

        @Test
        @DisplayName("several prompt parameters for a generating model: one user message, so one parameter")
        void severalPromptParameters() {
            assertSpecRefused("several-prompt-parameters.autosxs.json", Map.of(), "Configuration error: spec file"
                    + " [bad-input/specs/several-prompt-parameters.autosxs.json] gives [model_a_prompt_parameters] the"
                    + " parameters [QUESTION, CONTEXT]. A model called here receives one user message: give one parameter"
                    + " (of any name, e.g. [prompt] as AutoSxS names a Gemini model's) whose template joins the columns it"
                    + " needs, e.g. {\"prompt\": {\"template\": \"{{ context }}\\n{{ question }}\"}}.");
        }

        @Test
        @DisplayName("a Vertex AI resource name as model_a, with no vertex model to call it through, says what to set")
        void vertexResourceName() {
            assertSpecRefused("vertex-resource-name.autosxs.json", Map.of(), "Configuration error: spec file"
                    + " [bad-input/specs/vertex-resource-name.autosxs.json] names model_a"
                    + " [publishers/google/models/gemini-2.0-flash-001], a Vertex AI model that is not declared, and no"
                    + " model is declared with provider=vertex to call it through. Declare one Vertex AI model"
                    + " (evalunit.models.<name>.provider=vertex and evalunit.models.<name>.project=<project>; its location"
                    + " and credentials serve too), or declare this one under"
                    + " evalunit.models.publishers/google/models/gemini-2.0-flash-001.*.");
        }

        @Test
        @DisplayName("whose pretty-printed dataset is broken names line and column")
        void brokenPrettyDataset() {
            assertSpecRefused("broken-dataset.autosxs.json", Map.of(), "Configuration error: dataset"
                    + " [bad-input/specs/broken-pretty.jsonl] is not valid JSON at line 10:3: Unexpected character"
                    + " ('\"' (code 34)): was expecting comma to separate Object entries. Fix it there: the file holds"
                    + " JSON Lines, JSON objects one after another, or one JSON array of objects.");
        }
    }

    /** {@code evalunit run} with {@code args}: exit code 2, {@code message} on standard error, no request. */
    private void assertRunRefused(String message, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> command = new ArrayList<>(List.of(args));
        configuration().forEach((key, value) -> command.add("-D" + key + "=" + value));
        int status = Main.run(command.toArray(String[]::new), new PrintStream(
                OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(message + System.lineSeparator());
        assertThat(server.requestCount()).as("requests that reached the server").isZero();
    }

    @Nested
    @DisplayName("the run command (evalunit run)")
    class RunCommand {
        private static final String SPEC = "src/test/resources/bad-input/specs/no-judge.autosxs.json";

        @Test
        @DisplayName("with a --gate that is not metric>=value shows how to write one")
        void badGate() {
            assertRunRefused("Configuration error: option [--gate] gives the gate [win rate at least 0.5]. Write a"
                    + " figure or metric name, a comparison and a number, e.g. autosxs_model_a_win_rate>=0.5 (one of"
                    + " >=, >, <=, <).", "run", SPEC, "--gate", "win rate at least 0.5");
        }

        @Test
        @DisplayName("with a --gate whose number is not one names it")
        void badThreshold() {
            assertRunRefused("Configuration error: option [--gate] gives gate [autosxs_model_a_win_rate] the condition"
                    + " [>=half]. Write a comparison with a number, e.g. \">= 0.5\" (one of >=, >, <=, <).",
                    "run", SPEC, "--gate", "autosxs_model_a_win_rate>=half");
        }

        @Test
        @DisplayName("with a file that is not a spec file says which names it takes")
        void notASpecFile() {
            assertRunRefused("Configuration error: file [src/test/resources/bad-input/specs/broken-pretty.jsonl] is not a"
                    + " spec file. Give an AutoSxS pipeline definition named *.autosxs.json or an EvalAP experiment set"
                    + " named *.experiment-set.json.", "run", "src/test/resources/bad-input/specs/broken-pretty.jsonl");
        }
    }

    @Nested
    @DisplayName("a pairwise tournament")
    class Tournament {
        @Test
        @DisplayName("with a model that is not declared names the model")
        void unknownModel() {
            assertRefused(UnknownTournamentModelTestCase.class, "Configuration error: model [mystery] is not declared."
                    + " Declared models: candidate, judge, m1. Set evalunit.models.mystery.base-url in"
                    + " junit-platform.properties or declare @Model(name = \"mystery\", baseUrl = ...).");
        }

        @Test
        @DisplayName("whose baseline is not a candidate names the baseline and the candidates")
        void baselineNotACandidate() {
            assertRefused(BaselineNotACandidateTestCase.class, "Configuration error: tournament [bad_baseline] has"
                    + " baseline [m2], which is not among its candidates [m1, candidate]. Name one of them.");
        }

        @Test
        @DisplayName("with fewer than 2 candidates names the one it has")
        void oneCandidate() {
            assertRefused(OneCandidateTestCase.class, "Configuration error: tournament [lonely] has 1 candidate [m1]."
                    + " Declare at least 2 models, or 1 model and 2 temperatures.");
        }

        @Test
        @DisplayName("in a JSON file with a misspelt key names the key and the keys it takes")
        void misspeltKey() {
            assertRefused(MisspeltTournamentKeyTestCase.class, "Configuration error: tournament file"
                    + " [tournaments/misspelt.json] has unknown key [bootstrap_round]. Did you mean [bootstrap_rounds]? Use only name, evaluation_dataset,"
                    + " id_columns, task, autorater, candidates, baseline, round_robin, bootstrap_rounds, seed.");
        }

        @Test
        @DisplayName("declared in two ways says to give one")
        void twoWays() {
            assertRefused(TwoWayTournamentTestCase.class, "Configuration error: @PairwiseTournament on"
                    + " TwoWayTournamentTestCase.pairing declares its tournament in more than one way. Give exactly one"
                    + " of: a JSON file (value), a builder method, or dataset, models and the other attributes.");
        }

        @Test
        @DisplayName("against a baseline without naming one says how to fix it")
        void noBaseline() {
            assertRefused(NoBaselineTestCase.class, "Configuration error: tournament [no_baseline] names no baseline."
                    + " Name one of its candidates [m1, candidate], or play it round robin.");
        }
    }

    @Nested
    @DisplayName("a missing dataset file")
    class MissingDataset {
        @Test
        @DisplayName("names the path and where class path resources live")
        void refused() {
            assertRefused(MissingDatasetTestCase.class, "Configuration error: dataset [bad-input/no-such-file.jsonl] was"
                    + " not found on the class path or as a file. Check the path; class path resources live in"
                    + " src/test/resources.");
        }
    }

    @Nested
    @DisplayName("an empty dataset")
    class EmptyDataset {
        @Test
        @DisplayName("JSON Lines with only blank lines has no rows")
        void jsonLines() {
            assertRefused(EmptyJsonLinesTestCase.class,
                    "Configuration error: dataset [bad-input/empty.jsonl] has no rows. Add at least one example.");
        }

        @Test
        @DisplayName("CSV with only a header has no rows")
        void csv() {
            assertRefused(HeaderOnlyCsvTestCase.class,
                    "Configuration error: dataset [bad-input/header-only.csv] has no rows. Add at least one example.");
        }
    }

    @Nested
    @DisplayName("a malformed JSON Lines line")
    class MalformedLine {
        @Test
        @DisplayName("names the line and what is wrong with it")
        void refused() {
            assertRefused(MalformedLineTestCase.class, "Configuration error: dataset [bad-input/malformed-line.jsonl]"
                    + " line 2 is not a JSON object: Unexpected end-of-input: expected close marker for Object."
                    + " Fix that line.");
        }
    }

    @Nested
    @DisplayName("a CSV with a ragged row")
    class RaggedCsv {
        @Test
        @DisplayName("names the line and both field counts")
        void refused() {
            assertRefused(RaggedCsvTestCase.class, "Configuration error: dataset [bad-input/ragged.csv] line 3 has 4"
                    + " fields but the header has 3. Quote fields that contain commas.");
        }
    }

    @Nested
    @DisplayName("an unknown task")
    class UnknownTask {
        /*
         * @PairwiseEval's task is the Task enum, so an unknown task in an annotation does not compile.
         * A task arrives as text only through a PairwiseSpec built in code (the seam a JSON or
         * command-line declaration goes through), so that is where it is tested.
         */
        @Test
        @DisplayName("in a spec built in code names the task and the known ones, before any model is created")
        void refused() {
            PairwiseSpec spec = new PairwiseSpec("translation_eval", "bad-input/qa.jsonl", List.of("id"), "translation",
                    "judge", PromptSpec.column("question"), PromptSpec.column(""), null, null,
                    SideSpec.model("candidate", Map.of("prompt", PromptSpec.template("{{ question }}"))),
                    SideSpec.responseColumn("answer_b"), "", List.of());
            Map<String, String> config = configuration();
            try (ModelClients clients = new ModelClients()) {
                PairwisePlanner planner = new PairwisePlanner(EvalConfig.of(config),
                        new DatasetLoader(getClass().getClassLoader(), Path.of("")), clients,
                        SecretReference.fromProcess(), MethodBinder.NONE);

                org.assertj.core.api.Assertions.assertThatThrownBy(() -> planner.plan(spec))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessage("Configuration error: task [translation] is unknown. Use question_answering or summarization.");
            }
            assertThat(server.requestCount()).isZero();
        }
    }

    @Nested
    @DisplayName("batch execution (evalunit.execution=batch)")
    class BatchExecution {
        private Map<String, String> batch(String... keysAndValues) {
            Map<String, String> config = new HashMap<>(Map.of("evalunit.execution", "batch", "evalunit.cache.mode", "live",
                    "evalunit.cache.dir", reports.resolve("cache").toString()));
            for (int i = 0; i < keysAndValues.length; i += 2) {
                config.put(keysAndValues[i], keysAndValues[i + 1]);
            }
            return config;
        }

        @Test
        @DisplayName("with a model whose provider has no batch API names the provider and the model")
        void unsupportedProvider() {
            assertRefused(ValidTestCase.class, batch("evalunit.models.judge.provider", "gemini"),
                    "Configuration error: batch execution is not supported for provider [gemini] (model [judge],"
                            + " evalunit.execution=batch). Use a provider with a batch API (openai, anthropic) for this"
                            + " model, or set evalunit.execution=live.");
        }

        @Test
        @DisplayName("without the response cache in live mode says the replies need it")
        void cacheOff() {
            assertRefused(ValidTestCase.class, batch("evalunit.cache.mode", "off"),
                    "Configuration error: [evalunit.execution=batch] needs the response cache in live mode, but"
                            + " [evalunit.cache.mode] is [off]. Set evalunit.cache.mode=live: the batches' replies are"
                            + " stored in the cache, where the evaluation finds them.");
        }

        @Test
        @DisplayName("an unknown execution names the two there are")
        void unknownExecution() {
            assertRefused(ValidTestCase.class, batch("evalunit.execution", "bulk"),
                    "Configuration error: [evalunit.execution] must be live or batch, but was 'bulk'. Set live to call"
                            + " the models as the evaluation runs, or batch to use the providers' batch APIs.");
        }

        @Test
        @DisplayName("a malformed wait names the key and the forms it takes")
        void malformedWait() {
            assertRefused(ValidTestCase.class, batch("evalunit.batch.max-wait", "a day"),
                    "Configuration error: [evalunit.batch.max-wait] must be a duration such as 30s, 10m, 24h or 500ms,"
                            + " but was 'a day'. Correct it, or remove it for the default of 25h.");
        }
    }

    @Nested
    @DisplayName("an unknown model name")
    class UnknownModel {
        @Test
        @DisplayName("names the model and both ways to declare it")
        void refused() {
            assertRefused(UnknownModelTestCase.class, "Configuration error: model [nobody] is not declared. Declared"
                    + " models: candidate, judge, m1. Set evalunit.models.nobody.base-url in junit-platform.properties or"
                    + " declare @Model(name = \"nobody\", baseUrl = ...).");
        }

        @Test
        @DisplayName("a misspelt one suggests the declared model meant, inline declarations included")
        void misspelt() {
            assertRefused(MisspeltModelTestCase.class, "Configuration error: model [jduge] is not declared. Did you"
                    + " mean [judge]? Declared models: candidate, inline-judge, judge, m1. Set"
                    + " evalunit.models.jduge.base-url in junit-platform.properties or declare"
                    + " @Model(name = \"jduge\", baseUrl = ...).");
        }

        @Test
        @DisplayName("in an experiment set names the experiment and suggests the declared model meant")
        void inAnExperimentSet() {
            assertRefused(MisspeltExperimentModelTestCase.class, "Configuration error: [model] of experiment"
                    + " [misspelt__0] names model [m2], which is not declared. Did you mean [m1]? Declared models:"
                    + " candidate, judge, m1. Set evalunit.models.m2.base-url in junit-platform.properties, or give the"
                    + " model a [base_url] in the set.");
        }
    }

    @Nested
    @DisplayName("an API key reference to an unset variable")
    class MissingApiKey {
        @Test
        @DisplayName("names the reference and what to set, never a value")
        void refused() {
            assertRefused(UnsetKeyTestCase.class, "Configuration error: the API key of model [judge] refers to"
                    + " [${env:EVALUNIT_BAD_INPUT_UNSET_KEY_7C1}], which is not set. Set the environment variable"
                    + " EVALUNIT_BAD_INPUT_UNSET_KEY_7C1.");
        }
    }

    @Nested
    @DisplayName("an API key given as itself, not by reference")
    class LiteralApiKey {
        private static final String FORMS = "Write ${env:NAME} or ${file:PATH} instead of the key itself.";

        @Test
        @DisplayName("in the configuration (junit-platform.properties), without echoing it")
        void configured() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.judge.api-key", "sk-bad-input-literal-configured"),
                    "Configuration error: [evalunit.models.judge.api-key] holds a key itself, not a reference. " + FORMS);
        }

        @Test
        @DisplayName("as a ${sys:NAME} reference: a system property is copied into Surefire's reports")
        void systemPropertyReference() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.judge.api-key", "${sys:EVALUNIT_JUDGE_KEY}"),
                    "Configuration error: [evalunit.models.judge.api-key] holds a reference evalunit does not read. "
                            + FORMS);
        }

        @Test
        @DisplayName("in @Model(apiKey = ...)")
        void inline() {
            assertRefused(LiteralInlineKeyTestCase.class,
                    "Configuration error: the API key of model [judge] is not a reference. " + FORMS);
        }

        @Test
        @DisplayName("as an experiment set's api_key")
        void experimentSet() {
            assertRefused(LiteralJsonKeyTestCase.class,
                    "Configuration error: [api_key] of experiment set [literal_key] is not a reference. " + FORMS);
        }

        @Test
        @DisplayName("as a -D system property: removed from the system properties, and still refused")
        void systemProperty() {
            String key = "evalunit.models.catalogue-sys.api-key";
            System.setProperty(key, "sk-bad-input-literal-system-property");
            try {
                assertRefused(SystemPropertyKeyTestCase.class, Map.of("evalunit.models.catalogue-sys.base-url",
                        server.baseUrl()), "Configuration error: [" + key + "] was passed as a system property holding"
                        + " a key, and system properties are copied into Surefire's reports; evalunit removed it. Write"
                        + " ${env:NAME} or ${file:PATH} instead of the key itself, and pass no key with -D.");
                assertThat(System.getProperties()).doesNotContainKey(key);
            } finally {
                System.clearProperty(key);
            }
        }
    }

    @Nested
    @DisplayName("an API key reference to a file")
    class KeyFile {
        @Test
        @DisplayName("that does not exist names the path, never a value")
        void missing() {
            Path missing = reports.resolve("no-such-key");
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.judge.api-key", "${file:" + missing + "}"),
                    "Configuration error: the API key of model [judge] refers to [${file:" + missing + "}], but ["
                            + missing + "] does not exist. Write the key into that file, or fix the path.");
        }

        @Test
        @DisplayName("that is a directory: it cannot be read")
        void unreadable() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.judge.api-key", "${file:" + reports + "}"),
                    "Configuration error: the API key of model [judge] refers to [${file:" + reports + "}], but ["
                            + reports + "] cannot be read. Write the key into that file, or fix the path.");
        }

        @Test
        @DisplayName("that is empty but for a newline")
        void empty() throws java.io.IOException {
            Path empty = java.nio.file.Files.writeString(reports.resolve("empty-key"), "\n");
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.judge.api-key", "${file:" + empty + "}"),
                    "Configuration error: the API key of model [judge] refers to [${file:" + empty + "}], which is"
                            + " empty. Write the key into " + empty + ".");
        }
    }

    @Nested
    @DisplayName("a template naming a missing column")
    class MissingTemplateColumn {
        @Test
        @DisplayName("names the placeholder, the parameter and the columns that exist")
        void refused() {
            assertRefused(MissingColumnTestCase.class, "Configuration error: placeholder [{{ questoin }}] in model A's"
                    + " prompt parameter [prompt] names no column of dataset [bad-input/qa.jsonl]. Columns: id, question,"
                    + " answer_b, human. Fix the placeholder or add the column.");
        }
    }

    @Nested
    @DisplayName("a model and a response column for one side")
    class BothSources {
        @Test
        @DisplayName("names both and says to give one")
        void refused() {
            assertRefused(BothSourcesTestCase.class, "Configuration error: model A gives both a model [candidate] and a"
                    + " response column [answer_b]. Give only one: a response column holds pre-generated answers, a model"
                    + " or method generates them.");
        }
    }

    @Nested
    @DisplayName("neither a model nor a response column for a side")
    class NoSource {
        @Test
        @DisplayName("names the side and the three kinds of source")
        void refused() {
            assertRefused(NoSourceTestCase.class,
                    "Configuration error: model B has no source of answers. Give a model, a method or a response column.");
        }
    }

    @Nested
    @DisplayName("a human preference outside the accepted set")
    class HumanPreferenceOutsideTheSet {
        @Test
        @DisplayName("names the value, its line and the accepted values")
        void refused() {
            assertRefused(HumanOutsideSetTestCase.class, "Configuration error: human preference column [human] has"
                    + " [both bad] at line 3 of dataset [bad-input/human-outside-set.jsonl]. Use one of A, B, Model A,"
                    + " Model B, TIE, or leave the cell empty.");
        }
    }

    @Nested
    @DisplayName("an unknown metric")
    class UnknownMetric {
        @Test
        @DisplayName("fails the set's first experiment, naming the metric, the closest name and the known ones; aborts the others")
        void refused() {
            EngineExecutionResults results = assertRefused(UnknownMetricTestCase.class, "Configuration error: metric"
                    + " [judge_precission] is unknown. Did you mean [judge_precision]? Available metrics: "
                    + String.join(", ", MetricRegistry.load().names()) + ". Use one of these names, or register your own"
                    + " metric in META-INF/services/dev.evalunit.api.spi.Metric.");

            // Reported once: the set's other experiment refers to it in one line.
            results.testEvents().assertStatistics(stats -> stats.started(2).failed(1).aborted(1));
            assertThat(results.testEvents().aborted().stream().map(BadInputCatalogueTest::throwable).map(Throwable::getMessage))
                    .containsExactly("Not run: experiment set [unknown_metric] failed with a configuration error, reported"
                            + " once on [eachExperiment(ExperimentResult) › metrics=[\"output_length\",\"judge_precission\"] · run 1/1].");
        }
    }

    @Nested
    @DisplayName("two metrics registered with one name")
    class DuplicateMetricName {
        @Test
        @DisplayName("fails every experiment of the set, naming both classes, even one that names neither")
        void refused(@TempDir Path services) throws Exception {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            try (URLClassLoader loader = ServiceMetricFixtures.withServices(services,
                    ServiceMetricFixtures.Shouting.class.getName(), ServiceMetricFixtures.OtherShouting.class.getName())) {
                thread.setContextClassLoader(loader);
                assertRefused(ValidExperimentSetTestCase.class, "Configuration error: metric name [shouting] is"
                        + " registered twice, by [dev.evalunit.metrics.ServiceMetricFixtures$Shouting] and"
                        + " [dev.evalunit.metrics.ServiceMetricFixtures$OtherShouting]. Rename one of them, or remove"
                        + " one from META-INF/services/dev.evalunit.api.spi.Metric.");
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    @Nested
    @DisplayName("duplicate ids")
    class DuplicateIds {
        @Test
        @DisplayName("names the id and the lines that share it")
        void refused() {
            assertRefused(DuplicateIdsTestCase.class, "Configuration error: dataset [bad-input/duplicate-ids.jsonl] has"
                    + " duplicate ids over [id]: q1 (line 1, line 3). Make each example's ids unique.");
        }
    }

    @Nested
    @DisplayName("a non-positive count")
    class NonPositiveCount {
        @Test
        @DisplayName("a repeat of 0 in an experiment set's JSON")
        void repeat() {
            assertRefused(ZeroRepeatTestCase.class, "Configuration error: [cv.repeat] of experiment set [zero_repeat]"
                    + " must be a positive whole number, but was 0.");
        }

        @Test
        @DisplayName("an autorater sample count of 0 in the annotation")
        void samplesInTheAnnotation() {
            assertRefused(ZeroSamplesTestCase.class,
                    "Configuration error: the autorater's [samples] must be positive, but was 0. Use 1 or more.");
        }

        @Test
        @DisplayName("an autorater sample count of -3 in the configuration")
        void samplesInTheConfiguration() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.autorater.samples", "-3"),
                    "Configuration error: [evalunit.autorater.samples] must be positive, but was -3.");
        }

        @Test
        @DisplayName("a re-ask count of -1 in the configuration")
        void reaskAttempts() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.autorater.reask-attempts", "-1"),
                    "Configuration error: [evalunit.autorater.reask-attempts] must be 0 or more, but was -1. Use 0 to ask"
                            + " a judge whose reply holds no verdict only once.");
        }

        @Test
        @DisplayName("a first-byte timeout of 0 in the configuration")
        void firstByteTimeout() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.judge.first-byte-timeout-seconds", "0"),
                    "Configuration error: [evalunit.models.judge.first-byte-timeout-seconds] must be positive, but was 0.");
        }

        @Test
        @DisplayName("a hedging percentile of 100 in the configuration")
        void hedgePercentile() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.judge.hedge-after-percentile", "100"),
                    "Configuration error: [evalunit.models.judge.hedge-after-percentile] must be a percentile from 50"
                            + " to 99.9, e.g. 95, but was 100. Leave it unset for no hedging.");
        }
    }

    @Nested
    @DisplayName("an unknown model provider")
    class UnknownProvider {
        @Test
        @DisplayName("names the model and the providers found, suggesting the close one")
        void refused() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.candidate.provider", "opnai"),
                    "Configuration error: model [candidate] has unknown provider [opnai]. Did you mean openai?"
                            + " Providers found: anthropic, gemini, openai, vertex. For another provider, put its jar on the test class path"
                            + " (it registers itself in META-INF/services/dev.evalunit.api.spi.ModelProvider).");
        }
    }

    @Nested
    @DisplayName("a switch for empty metrics that is not true or false")
    class AllowEmptyMetricsNotBoolean {
        @Test
        @DisplayName("names the key, the value and what to set")
        void refused() {
            assertRefused(ValidExperimentSetTestCase.class, Map.of("evalunit.experiments.allow-empty-metrics", "yes"),
                    "Configuration error: [evalunit.experiments.allow-empty-metrics] must be true or false, but was 'yes'."
                            + " Set true to let an experiment pass with a metric that has no value on any row, or leave it"
                            + " unset.");
        }
    }

    @Nested
    @DisplayName("an anthropic model's settings")
    class AnthropicSettings {
        @Test
        @DisplayName("a max-tokens below 1, which the Messages API refuses")
        void maxTokens() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.judge.provider", "anthropic",
                            "evalunit.models.judge.max-tokens", "0"),
                    "Configuration error: model [judge] (provider [anthropic]): [max-tokens] must be 1 or more for the"
                            + " Messages API. Raise it, or leave it unset for 1024.");
        }
    }

    @Nested
    @DisplayName("a vertex model's settings")
    class VertexSettings {
        @Test
        @DisplayName("without project, which the Vertex AI URL needs")
        void noProject() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.judge.provider", "vertex",
                            "evalunit.models.judge.model", "gemini-2.5-flash"),
                    "Configuration error: model [judge] (provider [vertex]): [project] is required for Vertex AI. Set"
                            + " evalunit.models.judge.project to the Google Cloud project ID, e.g. my-project.");
        }

        @Test
        @DisplayName("a model that is neither an ID nor a publishers/google/models/... name")
        void model() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.judge.provider", "vertex",
                            "evalunit.models.judge.project", "evals-project",
                            "evalunit.models.judge.model", "projects/p/locations/l/models/gemini"),
                    "Configuration error: model [judge] (provider [vertex]): [model] must be a Gemini model ID such as"
                            + " gemini-2.5-flash, or publishers/google/models/<id>, but was"
                            + " 'projects/p/locations/l/models/gemini'. Correct it.");
        }

        @Test
        @DisplayName("with neither an api-key nor an access token source on the class path")
        void noCredentials() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.judge.provider", "vertex",
                            "evalunit.models.judge.project", "evals-project",
                            "evalunit.models.judge.model", "gemini-2.5-flash"),
                    "Configuration error: model [judge] (provider [vertex]) has no credentials for Vertex AI. Set"
                            + " evalunit.models.judge.api-key=${env:NAME} (an access token, e.g. from gcloud auth"
                            + " print-access-token), or add evalunit-google-auth to the test class path to use"
                            + " Application Default Credentials.");
        }
    }

    @Nested
    @DisplayName("an error budget that is not a share")
    class ErrorBudgetOutOfRange {
        @Test
        @DisplayName("names the key, an example and the value")
        void refused() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.error-budget", "2"),
                    "Configuration error: [evalunit.error-budget] must be a share between 0 and 1, e.g. 0.1, but was '2'.");
        }
    }

    @Nested
    @DisplayName("a shard that is not K/N with 1 <= K <= N")
    class ShardOutOfRange {
        @Test
        @DisplayName("a shard past the number of shards names the key, an example and the value")
        void pastTheCount() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.shard", "4/3"),
                    "Configuration error: [evalunit.shard] must be K/N with 1 <= K <= N, e.g. 2/4, but was '4/3'."
                            + " Give the shard's number and the number of shards.");
        }

        @Test
        @DisplayName("a shard that is not a fraction, or counts from 0, likewise")
        void notAFraction() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.shard", "0/3"),
                    "Configuration error: [evalunit.shard] must be K/N with 1 <= K <= N, e.g. 2/4, but was '0/3'."
                            + " Give the shard's number and the number of shards.");
            assertRefused(ValidTestCase.class, Map.of("evalunit.shard", "half"),
                    "Configuration error: [evalunit.shard] must be K/N with 1 <= K <= N, e.g. 2/4, but was 'half'."
                            + " Give the shard's number and the number of shards.");
        }
    }

    @Nested
    @DisplayName("a configuration key the engine does not read")
    class UnknownConfigurationKey {
        @Test
        @DisplayName("a misspelt key of a model names the key and the one meant")
        void modelKey() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.judge.temprature", "0"),
                    "Configuration error: [evalunit.models.judge.temprature] is not a configuration key. Did you mean"
                            + " [evalunit.models.judge.temperature]? Correct it, or remove it.");
        }

        @Test
        @DisplayName("a misspelt top-level key names the key and the one meant")
        void topLevelKey() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.autorater.sample", "2"),
                    "Configuration error: [evalunit.autorater.sample] is not a configuration key. Did you mean"
                            + " [evalunit.autorater.samples]? Correct it, or remove it.");
        }

        @Test
        @DisplayName("fails every experiment of a set too")
        void experimentSet() {
            assertRefused(ValidExperimentSetTestCase.class, Map.of("evalunit.models.m1.top_p", "0.5"),
                    "Configuration error: [evalunit.models.m1.top_p] is not a configuration key. Did you mean"
                            + " [evalunit.models.m1.top-p]? Correct it, or remove it.");
        }

        @Test
        @DisplayName("a key close to none lists the keys there are")
        void farFromAny() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.colour", "blue"),
                    "Configuration error: [evalunit.colour] is not a configuration key. Keys: " + String.join(", ",
                            ConfigKeys.topLevelKeys()) + ", evalunit.datasets.NAME, evalunit.base-urls.URL, evalunit.models.NAME.<key> and evalunit.prices.NAME.<key>"
                            + " (docs/configuration.md)."
                            + " Correct it, or remove it.");
        }

        @Test
        @DisplayName("a model key that names no setting")
        void modelWithoutSetting() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.models.judge", "gpt-4o"),
                    "Configuration error: [evalunit.models.judge] is not a configuration key. Keys: " + String.join(", ",
                            ConfigKeys.topLevelKeys()) + ", evalunit.datasets.NAME, evalunit.base-urls.URL, evalunit.models.NAME.<key> and evalunit.prices.NAME.<key>"
                            + " (docs/configuration.md)."
                            + " Correct it, or remove it.");
        }
    }

    @Nested
    @DisplayName("a price table (evalunit.prices.*)")
    class PriceTable {
        @Test
        @DisplayName("with a negative price names the key and the value")
        void negative() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.prices.judge.input-per-mtok", "-1",
                    "evalunit.prices.judge.output-per-mtok", "1"),
                    "Configuration error: [evalunit.prices.judge.input-per-mtok] must be a number of US dollars per"
                            + " million tokens, >= 0, not '-1'. Give e.g. 3.00.");
        }

        @Test
        @DisplayName("with a price that is not a number names the key and the value")
        void notANumber() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.prices.judge.input-per-mtok", "$3",
                    "evalunit.prices.judge.output-per-mtok", "1"),
                    "Configuration error: [evalunit.prices.judge.input-per-mtok] must be a number of US dollars per"
                            + " million tokens, >= 0, not '$3'. Give e.g. 3.00.");
        }

        @Test
        @DisplayName("for a model that is not declared suggests the closest declared one")
        void undeclared() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.prices.judg.input-per-mtok", "1",
                    "evalunit.prices.judg.output-per-mtok", "1"),
                    "Configuration error: model [judg] of [evalunit.prices.judg.*] is not declared. Did you mean [judge]?"
                            + " Declared models: candidate, judge, m1. Price a declared model, or declare it"
                            + " (evalunit.models.judg.base-url).");
        }

        @Test
        @DisplayName("with a misspelt key names the key meant and the keys there are")
        void misspelt() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.prices.judge.input-per-mtoks", "1"),
                    "Configuration error: [evalunit.prices.judge.input-per-mtoks] is not a price key. Did you mean"
                            + " [evalunit.prices.judge.input-per-mtok]? Name a price evalunit.prices.<model>.<key>, the"
                            + " key one of batch-input-per-mtok, batch-output-per-mtok, input-per-mtok, output-per-mtok"
                            + " (docs/cost.md).");
        }

        @Test
        @DisplayName("a cost budget without prices says to set them")
        void budgetWithoutPrices() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.budget.max-cost-usd", "5"),
                    "Configuration error: [evalunit.budget.max-cost-usd] is set, but no model has a price. Set"
                            + " evalunit.prices.<model>.input-per-mtok and .output-per-mtok for the models the evaluations"
                            + " call (docs/cost.md).");
        }

        @Test
        @DisplayName("a cost budget that is not a positive number names the value")
        void budgetNotPositive() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.budget.max-cost-usd", "0"),
                    "Configuration error: [evalunit.budget.max-cost-usd] must be a number of US dollars > 0, not '0'."
                            + " Give e.g. 5.00, or remove it for no cost budget.");
        }

        @Test
        @DisplayName("with an input price but no output price names the one missing")
        void half() {
            assertRefused(ValidTestCase.class, Map.of("evalunit.prices.judge.input-per-mtok", "1"),
                    "Configuration error: [evalunit.prices.judge.output-per-mtok] is not set, but [judge] has other"
                            + " prices. Set it: a priced model needs both input-per-mtok and output-per-mtok.");
        }
    }

    @Nested
    @DisplayName("a sampling parameter the model's provider does not take")
    class SamplingParameter {
        @Test
        @DisplayName("a misspelt grid key names the experiment, the key, the one meant and the pass-through")
        void misspelt() {
            assertRefused(MisspeltSamplingParamTestCase.class, "Configuration error: [model.sampling_params.temprature]"
                    + " of experiment [misspelt_sampling__0] is not a sampling parameter of provider [openai]. Did you"
                    + " mean [temperature]? Correct it, or pass it through unchecked in [model.extra_params].");
        }

        @Test
        @DisplayName("a value of the wrong type names the experiment, the key, the type and the value")
        void mistyped() {
            assertRefused(MistypedSamplingParamTestCase.class, "Configuration error: [model.sampling_params.temperature]"
                    + " of experiment [mistyped_sampling__0] must be a number, e.g. 0.5, but was \"hot\".");
        }
    }

    @Nested
    @DisplayName("a model that cannot work stops its evaluation after ONE request, with concurrency 8 and 20 rows")
    class UnusableModel {
        private static final String KEY = "sk-catalogue-refused-key-1234";
        private final MockWebServer broken = new MockWebServer();
        private String keyReference;

        @BeforeEach
        void startBroken() throws java.io.IOException {
            broken.start(java.net.InetAddress.getLoopbackAddress(), 0);
            keyReference = "${file:" + java.nio.file.Files.writeString(reports.resolve("key"), KEY + "\n") + "}";
        }

        @AfterEach
        void stopBroken() {
            broken.close();
        }

        private String url(String path) {
            return broken.url(path).toString();
        }

        /** The broken model answers every request with {@code reply}; the other models work. */
        private Map<String, String> brokenModel(String model, MockResponse reply, String basePath) {
            broken.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return reply;
                }
            });
            Map<String, String> config = new HashMap<>(Map.of("evalunit.concurrency", "8",
                    "evalunit.models." + model + ".base-url", url(basePath),
                    "evalunit.models." + model + ".api-key", keyReference,
                    "evalunit.models." + model + ".model", "gpt-4o-mnii",
                    "evalunit.models.m2.base-url", server.baseUrl()));
            return config;
        }

        /** The pairwise evaluation errs (not an assertion failure) with {@code message} after one request. */
        private void assertPairwiseStopped(MockResponse reply, String basePath, String message) {
            Map<String, String> config = configuration();
            config.putAll(brokenModel("candidate", reply, basePath));
            EngineExecutionResults results = EngineRuns.run(ManyRowsTestCase.class, config);

            assertThat(results.allEvents().failed().stream().map(BadInputCatalogueTest::throwable).toList())
                    .singleElement().satisfies(failure -> assertThat(failure)
                            .isInstanceOf(EvaluationInfrastructureException.class)
                            .hasMessage("evaluation [ManyRowsTestCase.evaluation] stopped: " + message));
            assertThat(broken.getRequestCount()).as("requests that reached the broken model").isOne();
            assertThat(server.requestCount()).as("requests to the judge").isZero();
        }

        /** The broken model's experiment errs with {@code message} after one request; the other passes. */
        private void assertExperimentStopped(MockResponse reply, String basePath, String message) {
            Map<String, String> config = configuration();
            config.putAll(brokenModel("m1", reply, basePath));
            EngineExecutionResults results = EngineRuns.run(TwoModelsTestCase.class, config);

            assertThat(results.allEvents().failed().stream().map(BadInputCatalogueTest::throwable).toList())
                    .singleElement().satisfies(failure -> assertThat(failure)
                            .isInstanceOf(EvaluationInfrastructureException.class)
                            .hasMessage("experiment [broken_model__0] of set [broken_model] stopped: " + message));
            results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
            assertThat(broken.getRequestCount()).as("requests that reached the broken model").isOne();
            assertThat(server.requestCount()).as("requests to the working model").isEqualTo(20);
        }

        private String refusedKey(String path) {
            return "model [%s] cannot be used: HTTP 401 from [" + url(path) + "/chat/completions]: Incorrect API key"
                    + " provided: ***. Check its API key [" + keyReference + "]: the server refused it. No further"
                    + " request is sent to model [%s].";
        }

        private static MockResponse reply(int code, String body) {
            return new MockResponse.Builder().code(code).body(body).build();
        }

        private static final String INVALID_KEY = "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY
                + "\", \"type\": \"invalid_request_error\", \"code\": \"invalid_api_key\"}}";
        private static final String NO_ACCESS = "{\"error\": {\"message\": \"You are not allowed to sample from this"
                + " model\", \"type\": \"invalid_request_error\"}}";
        private static final String NO_MODEL = "{\"error\": {\"message\": \"The model `gpt-4o-mnii` does not exist or"
                + " you do not have access to it.\", \"type\": \"invalid_request_error\", \"code\": \"model_not_found\"}}";
        private static final String WEB_PAGE = "<!DOCTYPE html>\n<html><head><title>Open WebUI</title></head>"
                + "<body>" + "<div>app</div>".repeat(100) + "</body></html>";

        private String check403(String model) {
            return "model [" + model + "] cannot be used: HTTP 403 from [" + url("/v1") + "/chat/completions]: You are"
                    + " not allowed to sample from this model. Check its API key [" + keyReference + "] and whether it"
                    + " may use model id [gpt-4o-mnii]: the server refused access. No further request is sent to model ["
                    + model + "].";
        }

        private String check404(String model) {
            return "model [" + model + "] cannot be used: HTTP 404 from [" + url("/v1") + "/chat/completions]: The"
                    + " model `gpt-4o-mnii` does not exist or you do not have access to it. Check its model id"
                    + " [gpt-4o-mnii]: the server does not know it. No further request is sent to model [" + model + "].";
        }

        private String checkHtml(String model) {
            return "model [" + model + "] cannot be used: HTTP 200 from [" + url("/chat/completions") + "] is not JSON:"
                    + " an HTML page titled \"Open WebUI\". Check its base URL [" + url("/") + "]: it must be the"
                    + " API's root (does it end in /v1?). No further request is sent to model [" + model + "].";
        }

        private String check405(String model) {
            return "model [" + model + "] cannot be used: HTTP 405 from [" + url("/v1") + "/chat/completions]: Method"
                    + " Not Allowed. Check its base URL [" + url("/v1") + "]: it must be the API's root (does it end"
                    + " in /v1?). No further request is sent to model [" + model + "].";
        }

        @Test
        @DisplayName("401 in a pairwise evaluation: names the key reference, the key itself masked")
        void unauthorisedPairwise() {
            assertPairwiseStopped(reply(401, INVALID_KEY), "/v1", refusedKey("/v1").formatted("candidate", "candidate"));
        }

        @Test
        @DisplayName("401 in an experiment set: that experiment fails, the other stands")
        void unauthorisedExperiment() {
            assertExperimentStopped(reply(401, INVALID_KEY), "/v1", refusedKey("/v1").formatted("m1", "m1"));
        }

        @Test
        @DisplayName("403 in a pairwise evaluation: names the key reference and the model id")
        void forbiddenPairwise() {
            assertPairwiseStopped(reply(403, NO_ACCESS), "/v1", check403("candidate"));
        }

        @Test
        @DisplayName("403 in an experiment set")
        void forbiddenExperiment() {
            assertExperimentStopped(reply(403, NO_ACCESS), "/v1", check403("m1"));
        }

        @Test
        @DisplayName("404 model_not_found in a pairwise evaluation: quotes the provider's message, names the model id")
        void unknownModelPairwise() {
            assertPairwiseStopped(reply(404, NO_MODEL), "/v1", check404("candidate"));
        }

        @Test
        @DisplayName("404 model_not_found in an experiment set")
        void unknownModelExperiment() {
            assertExperimentStopped(reply(404, NO_MODEL), "/v1", check404("m1"));
        }

        @Test
        @DisplayName("an HTML page at a base URL without /v1, in a pairwise evaluation: names the base URL")
        void htmlPagePairwise() {
            assertPairwiseStopped(reply(200, WEB_PAGE), "/", checkHtml("candidate"));
        }

        @Test
        @DisplayName("an HTML page at a base URL without /v1, in an experiment set")
        void htmlPageExperiment() {
            assertExperimentStopped(reply(200, WEB_PAGE), "/", checkHtml("m1"));
        }

        @Test
        @DisplayName("405 in a pairwise evaluation: names the base URL")
        void methodNotAllowedPairwise() {
            assertPairwiseStopped(reply(405, "Method Not Allowed"), "/v1", check405("candidate"));
        }

        @Test
        @DisplayName("405 in an experiment set")
        void methodNotAllowedExperiment() {
            assertExperimentStopped(reply(405, "Method Not Allowed"), "/v1", check405("m1"));
        }
    }

    @Nested
    @DisplayName("a replay with the models pointed at an endpoint the cache did not record")
    class ReplayAgainstAnotherEndpoint {

        @TempDir
        Path cache;

        @Test
        @DisplayName("is no stale hit: each example is an Error row naming both endpoints, and no request is sent")
        void namesBothEndpoints() throws IOException {
            Map<String, String> config = configuration();
            config.put(ConfigKeys.CACHE_DIR, cache.toString());
            config.put(ConfigKeys.CACHE_MODE, "live");
            EngineRuns.run(ValidTestCase.class, config).testEvents().assertStatistics(stats -> stats.succeeded(1));
            int recorded = server.requestCount();

            for (String model : List.of("candidate", "judge")) {
                config.put("evalunit.models." + model + ".base-url", "https://api.example.com/v1");
            }
            config.put(ConfigKeys.CACHE_MODE, "replay");
            EngineRuns.run(ValidTestCase.class, config);

            assertThat(Files.readAllLines(reports.resolve("ValidTestCase.evaluation").resolve("judgments.jsonl")))
                    .hasSize(3).allSatisfy(line -> assertThat(line).contains("\"choice\":\"Error\"").contains(
                            "\"explanation\":\"model A [candidate] failed: model [candidate]: no cached reply for endpoint"
                            + " [https://api.example.com/v1]; the cache holds this request's reply recorded against"
                            + " [http://loopback/v1] (evalunit.cache.mode=replay). Point the model back at"
                            + " [http://loopback/v1], or run once with evalunit.cache.mode=live to record it against"
                            + " [https://api.example.com/v1].\""));
            assertThat(server.requestCount()).as("requests that reached the server").isEqualTo(recorded);
        }
    }

    @Test
    @DisplayName("(control) the same declaration without its mistake does reach the server and pass")
    void control() {
        EngineExecutionResults results = EngineRuns.run(ValidTestCase.class, configuration());

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(server.requestCount()).isEqualTo(3 * (1 + 4));
    }

    // Fixtures: run only through the engine above, never directly (they are not @Nested).

    static class ValidTestCase {
        @PairwiseEval(dataset = "bad-input/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class ManyRowsTestCase {
        @PairwiseEval(dataset = "bad-input/twenty.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class TwoModelsTestCase {
        @ExperimentSet(name = "broken_model", dataset = "bad-input/twenty.jsonl", metrics = "output_length",
                models = {"m1", "m2"})
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class MissingDatasetTestCase {
        @PairwiseEval(dataset = "bad-input/no-such-file.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class EmptyJsonLinesTestCase {
        @PairwiseEval(dataset = "bad-input/empty.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class HeaderOnlyCsvTestCase {
        @PairwiseEval(dataset = "bad-input/header-only.csv", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class MalformedLineTestCase {
        @PairwiseEval(dataset = "bad-input/malformed-line.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class RaggedCsvTestCase {
        @PairwiseEval(dataset = "bad-input/ragged.csv", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class UnknownModelTestCase {
        @PairwiseEval(dataset = "bad-input/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "nobody", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    @Model(name = "inline-judge", baseUrl = "http://127.0.0.1:9")
    static class MisspeltModelTestCase {
        @PairwiseEval(dataset = "bad-input/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "jduge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class MisspeltExperimentModelTestCase {
        @ExperimentSet(name = "misspelt", dataset = "bad-input/exp.jsonl", metrics = "output_length", models = "m2")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    @Model(name = "judge", apiKey = "${env:EVALUNIT_BAD_INPUT_UNSET_KEY_7C1}")
    static class UnsetKeyTestCase {
        @PairwiseEval(dataset = "bad-input/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    @Model(name = "judge", apiKey = "sk-bad-input-literal-inline")
    static class LiteralInlineKeyTestCase {
        @PairwiseEval(dataset = "bad-input/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class SystemPropertyKeyTestCase {
        @PairwiseEval(dataset = "bad-input/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "catalogue-sys", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class LiteralJsonKeyTestCase {
        @ExperimentSet("bad-input/literal-key.json")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class MissingColumnTestCase {
        @PairwiseEval(dataset = "bad-input/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ questoin }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class BothSourcesTestCase {
        @PairwiseEval(dataset = "bad-input/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", responseColumn = "answer_b",
                        params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class NoSourceTestCase {
        @PairwiseEval(dataset = "bad-input/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate())
        void evaluation(PairwiseResult result) {
        }
    }

    static class HumanOutsideSetTestCase {
        @PairwiseEval(dataset = "bad-input/human-outside-set.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"),
                humanPreferenceColumn = "human")
        void evaluation(PairwiseResult result) {
        }
    }

    static class DuplicateIdsTestCase {
        @PairwiseEval(dataset = "bad-input/duplicate-ids.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class ZeroSamplesTestCase {
        @PairwiseEval(dataset = "bad-input/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question"), samples = 0),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class UnknownMetricTestCase {
        @ExperimentSet("bad-input/unknown-metric.json")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class ValidExperimentSetTestCase {
        @ExperimentSet(name = "valid", dataset = "bad-input/exp.jsonl", metrics = "output_length", models = "m1")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class MisspeltSamplingParamTestCase {
        @ExperimentSet("bad-input/misspelt-sampling-param.json")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class MistypedSamplingParamTestCase {
        @ExperimentSet("bad-input/mistyped-sampling-param.json")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class ZeroRepeatTestCase {
        @ExperimentSet("bad-input/zero-repeat.json")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class MissingMethodTestCase {
        @ExperimentSet(name = "missing_method", dataset = "bad-input/exp.jsonl", metrics = "output_length", methods = "answr")
        void eachExperiment(ExperimentResult experiment) {
        }

        String answer(String prompt) {
            return "an answer";
        }
    }

    static class MethodWithSamplingTestCase {
        @ExperimentSet(name = "method_sampling", dataset = "bad-input/exp.jsonl", metrics = "output_length",
                methods = "answer", temperatures = 0.2)
        void eachExperiment(ExperimentResult experiment) {
        }

        String answer(String prompt) {
            return "an answer";
        }
    }

    static class UnknownTournamentModelTestCase {
        @PairwiseTournament(name = "unknown_model", dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING,
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                models = {"m1", "mystery"}, params = @PromptParam(template = "{{ question }}"), baseline = "m1")
        void pairing(PairwiseResult result) {
        }
    }

    static class BaselineNotACandidateTestCase {
        @PairwiseTournament(name = "bad_baseline", dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING,
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                models = {"m1", "candidate"}, params = @PromptParam(template = "{{ question }}"), baseline = "m2")
        void pairing(PairwiseResult result) {
        }
    }

    static class OneCandidateTestCase {
        @PairwiseTournament(name = "lonely", dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING,
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                models = "m1", params = @PromptParam(template = "{{ question }}"), baseline = "m1")
        void pairing(PairwiseResult result) {
        }
    }

    static class NoBaselineTestCase {
        @PairwiseTournament(name = "no_baseline", dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING,
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                models = {"m1", "candidate"}, params = @PromptParam(template = "{{ question }}"))
        void pairing(PairwiseResult result) {
        }
    }

    static class MisspeltTournamentKeyTestCase {
        @PairwiseTournament("tournaments/misspelt.json")
        void pairing(PairwiseResult result) {
        }
    }

    static class TwoWayTournamentTestCase {
        @PairwiseTournament(value = "tournaments/misspelt.json", dataset = "datasets/qa-small.jsonl", models = {"m1", "candidate"})
        void pairing(PairwiseResult result) {
        }
    }
}
