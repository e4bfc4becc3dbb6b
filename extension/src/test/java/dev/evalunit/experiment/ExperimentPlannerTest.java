package dev.evalunit.experiment;

import static dev.evalunit.experiment.SetJson.experiments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalunit.testing.Runs;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.dataset.DatasetLoader;
import dev.evalunit.experiment.spec.ExperimentSetParser;
import dev.evalunit.experiment.spec.ExperimentSetSpec;
import dev.evalunit.experiment.spec.PreGeneratedOutputs;
import dev.evalunit.http.Backoff;
import dev.evalunit.metrics.MetricRegistry;
import dev.evalunit.model.ModelClients;
import dev.evalunit.testing.ChatServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ExperimentPlanner")
class ExperimentPlannerTest {

    /** Three rows with id, query and output_true, on the class path. */
    private static final String QA = "datasets/exp-qa.jsonl";
    /** One row, written to the base directory before each test. */
    private static final String ONE_ROW = "planner-one-row.jsonl";
    /** Columns id, question, answer: no query. */
    private static final String NO_QUERY = "planner-no-query.jsonl";

    private final Map<String, String> config = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private final ModelClients clients = new ModelClients(Backoff.withoutWaiting());
    private ChatServer server;

    @TempDir
    Path base;

    @BeforeEach
    void start() throws IOException {
        server = ChatServer.start(call -> "answer to: " + call.user());
        for (String model : List.of("m1", "m2", "judge")) {
            config.put("evalunit.models." + model + ".base-url", server.baseUrl());
            config.put("evalunit.models." + model + ".max-retries", "0");
        }
        config.put("evalunit.report.dir", base.resolve("reports").toString());
        Files.writeString(base.resolve(ONE_ROW), "{\"id\": \"r1\", \"query\": \"What is the capital of France?\"}\n");
        Files.writeString(base.resolve(NO_QUERY), "{\"id\": \"n1\", \"question\": \"How many legs has a spider?\", \"answer\": \"eight\"}\n");
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private ExperimentSetPlan plan(ExperimentSetSpec set) {
        ExperimentPlanner planner = new ExperimentPlanner(EvalConfig.of(config),
                new DatasetLoader(getClass().getClassLoader(), base), MetricRegistry.load(), clients, new SecretReference(env::get, name -> null));
        return planner.plan(set);
    }

    private ExperimentSetPlan plan(String... experiments) {
        return plan(experiments(experiments));
    }

    private void assertRejected(Supplier<ExperimentSetSpec> set, String message) {
        // Parsed inside: a shape the records cannot hold is refused by the parser, one that needs the
        // environment (datasets, declared models, metrics) by the planner; both before any call.
        assertThatThrownBy(() -> plan(set.get()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: " + message);
        assertThat(server.requestCount()).as("model calls").isZero();
    }

    private void assertRejected(String experiment, String message) {
        assertRejected(() -> experiments(experiment), message);
    }

    /** Plans and runs the set, then returns the bodies of the requests the models received. */
    private List<JsonNode> requestsOfRun(String... experiments) {
        Runs.experimentSet(plan(experiments));
        return server.requests();
    }

    private static String experiment(String model) {
        return "{'name': 'e', 'dataset': '" + QA + "', 'model': " + model + ", 'metrics': ['output_length']}";
    }

    private static String oneRow(String model) {
        return "{'name': 'e', 'dataset': '" + ONE_ROW + "', 'model': " + model + ", 'metrics': ['output_length']}";
    }

    @Nested
    @DisplayName("pre-generated outputs")
    class PreGenerated {

        @Test
        @DisplayName("of the wrong length fail the whole set before any call, even a valid experiment before them")
        void wrongLength() {
            assertRejected(() -> experiments(experiment("'m1'"),
                            "{'name': 'short', 'dataset': '" + QA + "', 'metrics': ['output_length'],"
                                    + " 'model': {'aliased_name': 'baseline', 'output': ['Paris', 'eight']}}"),
                    "pre-generated model [baseline] of experiment [short] has 2 outputs, but dataset [" + QA
                            + "] has 3 rows. Give exactly one output per row, in dataset order.");
        }

        @Test
        @DisplayName("need an aliased_name")
        void withoutAlias() {
            assertRejected(experiment("{'name': 'baseline', 'output': ['Paris', 'eight', 'Shakespeare']}"),
                    "the pre-generated output of experiment [e] has no [aliased_name]. Name it, e.g."
                            + " {\"aliased_name\": \"baseline\", \"output\": [...]}.");
        }

        @Test
        @DisplayName("need their output as a list")
        void outputNotAList() {
            assertRejected(experiment("{'aliased_name': 'baseline', 'output': 'Paris eight Shakespeare'}"),
                    "[output] of pre-generated model [baseline] of experiment [e] must be a list of answers."
                            + " Give exactly one output per row, in dataset order.");
        }

        @Test
        @DisplayName("need an output once they have an aliased_name")
        void aliasWithoutOutput() {
            assertRejected(experiment("{'aliased_name': 'baseline'}"),
                    "[model] of experiment [e] has an [aliased_name] but no [output]. Give the pre-generated answers as"
                            + " \"output\": [...], one per dataset row, or name a model with [name].");
        }

        @Test
        @DisplayName("may hold null for a row, which is that row's failure, not the set's")
        void nullOutput() {
            ExperimentSetPlan plan = plan(experiment("{'aliased_name': 'baseline', 'output': ['Paris', null, 42]}"));

            assertThat(plan.experiments().get(0).answers())
                    .isEqualTo(new Answers.PreGenerated(new PreGeneratedOutputs("baseline", Arrays.asList("Paris", null, "42"))));
        }

        @Test
        @DisplayName("need no query column, since nothing is generated")
        void noQueryNeeded() {
            ExperimentSetPlan plan = plan("{'name': 'e', 'dataset': '" + NO_QUERY + "', 'metrics': ['output_length'],"
                    + " 'model': {'aliased_name': 'baseline', 'output': ['eight legs']}}");

            assertThat(plan.experiments().get(0).answers())
                    .isEqualTo(new Answers.PreGenerated(new PreGeneratedOutputs("baseline", List.of("eight legs"))));
        }
    }

    @Nested
    @DisplayName("models")
    class Models {

        @Test
        @DisplayName("an undeclared model's name is refused, naming the key to set")
        void undeclared() {
            assertRejected(experiment("'m9'"),
                    "[model] of experiment [e] names model [m9], which is not declared. Did you mean [m1]? Declared"
                            + " models: judge, m1, m2. Set evalunit.models.m9.base-url"
                            + " in junit-platform.properties, or give the model a [base_url] in the set.");
        }

        @Test
        @DisplayName("an undeclared judge model is refused as well")
        void undeclaredJudge() {
            assertRejected("{'name': 'e', 'dataset': '" + QA + "', 'model': 'm1', 'metrics': ['judge_precision'],"
                            + " 'judge_model': 'j9'}",
                    "[judge_model] of experiment [e] names model [j9], which is not declared. Did you mean [m1]?"
                            + " Declared models: judge, m1, m2. Set"
                            + " evalunit.models.j9.base-url in junit-platform.properties, or give the model a [base_url]"
                            + " in the set.");
        }

        @Test
        @DisplayName("a judge model object needs a name")
        void judgeWithoutName() {
            assertRejected("{'name': 'e', 'dataset': '" + QA + "', 'model': 'm1', 'metrics': ['judge_precision'],"
                            + " 'judge_model': {'base_url': '" + server.baseUrl() + "'}}",
                    "[judge_model] of experiment [e] is neither a model name nor an object with a [name]. Name the"
                            + " model, e.g. {\"name\": \"m1\"}.");
        }

        @Test
        @DisplayName("an api_key that refers to an unset variable is refused, naming the variable")
        void unsetApiKey() {
            assertRejected(experiment("{'name': 'm1', 'api_key': '${env:M1_KEY}'}"),
                    "the API key of model [m1] refers to [${env:M1_KEY}], which is not set. Set the environment"
                            + " variable M1_KEY.");
        }

        @Test
        @DisplayName("sampling_params must be an object")
        void samplingParamsNotAnObject() {
            assertRejected(experiment("{'name': 'm1', 'sampling_params': 0.2}"),
                    "[model.sampling_params] of experiment [e] must be an object of request parameters, e.g."
                            + " {\"temperature\": 0.2}.");
        }

        @Test
        @DisplayName("a model object with a base_url needs no declaration, and its api_key is resolved and sent")
        void withBaseUrl() {
            env.put("LOCAL_KEY", "sk-local");

            List<JsonNode> requests = requestsOfRun(oneRow(
                    "{'name': 'local', 'base_url': '" + server.baseUrl() + "', 'api_key': '${env:LOCAL_KEY}'}"));

            assertThat(requests).singleElement().satisfies(r -> assertThat(r.path("model").asText()).isEqualTo("local"));
            assertThat(server.authorizations()).containsExactly("Bearer sk-local");
        }

        @Test
        @DisplayName("a model given by name alone is the declared model as configured")
        void byName() {
            configure("m1");

            JsonNode request = requestsOfRun(oneRow("'m1'")).get(0);

            assertThat(request.path("temperature").asDouble()).isEqualTo(0.5);
            assertThat(request.path("top_p").asDouble()).isEqualTo(0.9);
            assertThat(request.path("max_completion_tokens").asInt()).isEqualTo(100);
            assertThat(request.path("seed").asInt()).isEqualTo(7);
            assertThat(request.at("/messages/0/content").asText()).isEqualTo("configured system");
        }

        @Test
        @DisplayName("a model object without base_url refines the declared model: its parameters merged over the"
                + " configured ones, its system prompt instead of the configured one")
        void refines() {
            configure("m1");

            JsonNode request = requestsOfRun(oneRow("{'name': 'm1', 'system_prompt': 'set system',"
                    + " 'sampling_params': {'temperature': 0.1}, 'extra_params': {'user': 'eval'}}")).get(0);

            assertThat(request.path("model").asText()).isEqualTo("m1");
            assertThat(request.path("temperature").asDouble()).as("set wins").isEqualTo(0.1);
            assertThat(request.path("top_p").asDouble()).as("configured kept").isEqualTo(0.9);
            assertThat(request.path("max_completion_tokens").asInt()).as("configured kept").isEqualTo(100);
            assertThat(request.path("seed").asInt()).as("configured extra kept").isEqualTo(7);
            assertThat(request.path("user").asText()).as("set extra added").isEqualTo("eval");
            assertThat(request.path("messages")).hasSize(2);
            assertThat(request.at("/messages/0/role").asText()).isEqualTo("system");
            assertThat(request.at("/messages/0/content").asText()).isEqualTo("set system");
            assertThat(request.at("/messages/1/content").asText()).isEqualTo("What is the capital of France?");
        }

        @Test
        @DisplayName("prelude_prompt comes before the query, a blank line between")
        void prelude() {
            JsonNode request = requestsOfRun(oneRow("{'name': 'm1', 'prelude_prompt': 'Answer in one word.'}")).get(0);

            assertThat(request.at("/messages/0/role").asText()).isEqualTo("user");
            assertThat(request.at("/messages/0/content").asText())
                    .isEqualTo("Answer in one word.\n\nWhat is the capital of France?");
        }

        private void configure(String model) {
            config.put("evalunit.models." + model + ".temperature", "0.5");
            config.put("evalunit.models." + model + ".top-p", "0.9");
            config.put("evalunit.models." + model + ".max-tokens", "100");
            config.put("evalunit.models." + model + ".system-prompt", "configured system");
            config.put("evalunit.models." + model + ".extra-params", "{\"seed\": 7}");
        }
    }

    @Nested
    @DisplayName("a misspelt parameter")
    class Misspelt {

        @Test
        @DisplayName("in the experiment is refused, listing what the engine reads")
        void inTheExperiment() {
            assertRejected("{'name': 'e', 'dataset': '" + QA + "', 'model': 'm1', 'metrics': ['output_length'], 'judge_modle': 'judge'}",
                    "experiment [e] has unknown key [judge_modle]. Did you mean [judge_model]? Use only name, readme, dataset, model, metrics,"
                            + " judge_model, columns_map.");
        }

        @Test
        @DisplayName("in a model or judge object is refused too")
        void inAModel() {
            assertRejected(experiment("{'name': 'm1', 'base_ulr': 'http://127.0.0.1:1/v1'}"),
                    "[model] of experiment [e] has unknown key [base_ulr]. Did you mean [base_url]? Use only name, base_url, api_key,"
                            + " system_prompt, prelude_prompt, sampling_params, extra_params, aliased_name, output, method.");
            assertRejected("{'name': 'e', 'dataset': '" + QA + "', 'model': 'm1', 'metrics': ['output_length'],"
                            + " 'judge_model': {'name': 'judge', 'output': []}}",
                    "[judge_model] of experiment [e] has unknown key [output]. Use only name, base_url, api_key,"
                            + " system_prompt, sampling_params, extra_params.");
        }
    }

    @Nested
    @DisplayName("metrics")
    class Metrics {

        @Test
        @DisplayName("an unknown metric is refused, with the closest name and the known ones")
        void unknown() {
            assertRejected("{'name': 'e', 'dataset': '" + QA + "', 'model': 'm1', 'metrics': ['output_length', 'judge_precison']}",
                    "metric [judge_precison] is unknown. Did you mean [judge_precision]? Available metrics: "
                            + String.join(", ", MetricRegistry.load().names()) + ". Use one of these names, or register"
                            + " your own metric in META-INF/services/dev.evalunit.api.spi.Metric.");
        }

        @Test
        @DisplayName("a judge metric needs a judge model")
        void judgeMetricWithoutJudge() {
            assertRejected("{'name': 'e', 'dataset': '" + QA + "', 'model': 'm1', 'metrics': ['judge_precision']}",
                    "metric [judge_precision] of experiment [e] needs a judge model. Set judge_model.");
        }

        @Test
        @DisplayName("an object entry gives the metric its parameters")
        void objectEntry() {
            ExperimentSetPlan plan = plan("{'dataset': '" + QA + "', 'model': {'name': 'm1'}, 'judge_model': 'judge',"
                    + " 'metrics': [{'name': 'judge_adhoc', 'prompt': 'Is {{ output }} an answer to {{ query }}?'}]}");

            assertThat(plan.experiments().get(0).metricNames()).containsExactly("judge_adhoc");
        }

        @Test
        @DisplayName("every metric of every experiment is described once in the plan")
        void descriptors() {
            ExperimentSetPlan plan = plan(
                    "{'name': 'a', 'dataset': '" + QA + "', 'model': 'm1', 'metrics': ['output_length', 'generation_time']}",
                    "{'name': 'b', 'dataset': '" + QA + "', 'model': 'm2', 'metrics': ['generation_time', 'nb_tokens_prompt']}");

            assertThat(plan.descriptors()).containsOnlyKeys("output_length", "generation_time", "nb_tokens_prompt");
            assertThat(plan.descriptors().get("generation_time").higherIsBetter()).isFalse();
        }
    }

    @Nested
    @DisplayName("columns")
    class Columns {

        @Test
        @DisplayName("columns_map must be an object")
        void columnsMapNotAnObject() {
            assertRejected("{'name': 'e', 'dataset': '" + QA + "', 'model': 'm1', 'metrics': ['output_length'],"
                            + " 'columns_map': 'question'}",
                    "[columns_map] of experiment [e] must be an object from canonical name to column, e.g."
                            + " {\"query\": \"question\"}.");
        }

        @Test
        @DisplayName("a generating model needs a query column")
        void noQuery() {
            assertRejected("{'name': 'e', 'dataset': '" + NO_QUERY + "', 'model': 'm1', 'metrics': ['output_length']}",
                    "experiment [e] generates answers from column [query], which dataset [" + NO_QUERY + "] lacks."
                            + " Columns: id, question, answer. Add it or map it with columns_map, e.g."
                            + " \"columns_map\": {\"query\": \"question\"}.");
        }

        @Test
        @DisplayName("a generating model needs a query column even when columns_map maps other columns")
        void noQueryWithColumnsMap() {
            assertRejected("{'name': 'e', 'dataset': '" + NO_QUERY + "', 'model': 'm1', 'metrics': ['output_length'],"
                            + " 'columns_map': {'output_true': 'answer'}}",
                    "experiment [e] generates answers from column [query], which dataset [" + NO_QUERY + "] lacks."
                            + " Columns: id, question, answer. Add it or map it with columns_map, e.g."
                            + " \"columns_map\": {\"query\": \"question\"}.");
        }

        @Test
        @DisplayName("a query mapped with columns_map is what the model answers")
        void mappedQuery() {
            List<JsonNode> requests = requestsOfRun("{'name': 'e', 'dataset': '" + NO_QUERY + "', 'model': 'm1',"
                    + " 'metrics': ['output_length'], 'columns_map': {'query': 'question'}}");

            assertThat(requests).singleElement().satisfies(r ->
                    assertThat(r.at("/messages/0/content").asText()).isEqualTo("How many legs has a spider?"));
        }
    }

    @Nested
    @DisplayName("the set")
    class TheSet {

        @ParameterizedTest(name = "evalunit.concurrency={0}")
        @ValueSource(strings = {"0", "-2"})
        @DisplayName("needs a positive concurrency")
        void concurrency(String concurrency) {
            config.put("evalunit.concurrency", concurrency);

            assertRejected(experiment("'m1'"), "[evalunit.concurrency] must be positive, but was " + concurrency + ".");
        }

        @Test
        @DisplayName("takes its concurrency from evalunit.concurrency, 8 by default")
        void concurrencyConfigured() {
            assertThat(plan(experiment("'m1'")).concurrency()).isEqualTo(8);
            config.put("evalunit.concurrency", "3");
            assertThat(plan(experiment("'m1'")).concurrency()).isEqualTo(3);
        }

        @Test
        @DisplayName("writes its reports to <evalunit.report.dir>/<set name>")
        void reportDirectory() {
            assertThat(plan(experiment("'m1'")).reportDirectory()).isEqualTo(base.resolve("reports").resolve("set"));
        }

        @Test
        @DisplayName("makes a set name safe as a folder name, and defaults to target/evalunit")
        void reportDirectoryDefault() {
            config.remove("evalunit.report.dir");
            ExperimentSetSpec set = ExperimentSetParser.parse(SetJson.object("{'name': 'comparison v1/2', 'experiments': ["
                    + experiment("'m1'") + "]}"), "test");

            assertThat(plan(set).reportDirectory())
                    .isEqualTo(Path.of("target", "evalunit", "comparison_v1_2").toAbsolutePath());
        }
    }
}
