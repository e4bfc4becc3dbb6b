package dev.evalunit.experiment.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.config.ConfigurationException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ExperimentSetParser rejects")
class ExperimentSetErrorsTest {

    private static final String COMMON = "\"dataset\": \"d.jsonl\", \"model\": \"m1\", \"metrics\": [\"output_length\"]";

    private static void assertFails(String json, String message) {
        assertThatThrownBy(() -> Json.parse(json))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(message);
    }

    @Nested
    @DisplayName("a set whose shape is wrong:")
    class Shape {

        @Test
        @DisplayName("both cv and experiments")
        void both() {
            assertFails("{\"name\": \"v1\", \"cv\": {\"common_params\": {" + COMMON + "}}, \"experiments\": [{" + COMMON + "}]}",
                    "Configuration error: experiment set [v1] gives both cv and experiments. Give one of them.");
        }

        @Test
        @DisplayName("neither cv nor experiments")
        void neither() {
            assertFails("{\"name\": \"v1\", \"readme\": \"nothing yet\"}",
                    "Configuration error: experiment set [v1] gives neither cv nor experiments. Give one of them.");
        }

        @ParameterizedTest(name = "name {0}")
        @ValueSource(strings = {"", "\"name\": null,", "\"name\": \"  \","})
        @DisplayName("no name")
        void noName(String name) {
            assertFails("{" + name + " \"cv\": {\"common_params\": {" + COMMON + "}}}",
                    "Configuration error: the experiment set in [test.json] has no [name]. Give the set a name, e.g. \"name\": \"model_comparison_v1\".");
        }

        @Test
        @DisplayName("a name that is not a string")
        void nameNotString() {
            assertFails("{\"name\": 7, \"cv\": {}}",
                    "Configuration error: [name] of the experiment set in [test.json] must be a string, but was a number. Give the set a name, e.g. \"name\": \"model_comparison_v1\".");
        }

        @Test
        @DisplayName("a readme that is not a string")
        void readmeNotString() {
            assertFails("{\"name\": \"v1\", \"readme\": [\"why\"], \"cv\": {\"common_params\": {" + COMMON + "}}}",
                    "Configuration error: [readme] of experiment set [v1] must be a string, but was a list. Say in words why the set exists.");
        }

        @Test
        @DisplayName("an unknown top-level key")
        void unknownKey() {
            assertFails("{\"name\": \"v1\", \"grid_params\": {}, \"cv\": {\"common_params\": {" + COMMON + "}}}",
                    "Configuration error: experiment set [v1] has unknown key [grid_params]. Use only name, readme, cv, experiments.");
        }

        @Test
        @DisplayName("several unknown top-level keys")
        void unknownKeys() {
            assertFails("{\"name\": \"v1\", \"repeat\": 3, \"description\": \"x\", \"cv\": {}}",
                    "Configuration error: experiment set [v1] has unknown keys [repeat, description]. Use only name, readme, cv, experiments.");
        }

        @Test
        @DisplayName("an unknown key in cv")
        void unknownCvKey() {
            assertFails("{\"name\": \"v1\", \"cv\": {\"common_params\": {" + COMMON + "}, \"repeats\": 3}}",
                    "Configuration error: [cv] of experiment set [v1] has unknown key [repeats]. Did you mean [repeat]? Use only common_params, grid_params, repeat.");
        }

        @Test
        @DisplayName("a cv that is not an object")
        void cvNotObject() {
            assertFails("{\"name\": \"v1\", \"cv\": [1]}",
                    "Configuration error: [cv] of experiment set [v1] must be an object. Give it common_params, grid_params and repeat.");
        }

        @Test
        @DisplayName("common parameters that are not an object")
        void commonNotObject() {
            assertFails("{\"name\": \"v1\", \"cv\": {\"common_params\": [1]}}",
                    "Configuration error: [cv.common_params] of experiment set [v1] must be an object, but was a list. Write it as {\"parameter\": value, ...}.");
        }

        @Test
        @DisplayName("a Java value with no JSON form, from the builder")
        void notJsonValue() {
            Map<String, Object> common = new LinkedHashMap<>();
            common.put("dataset", Path.of("d.jsonl"));
            Map<String, Object> json = Map.of("name", "v1", "cv", Map.of("common_params", common));

            assertThatThrownBy(() -> ExperimentSetParser.parse(json, "builder"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Configuration error: [cv.common_params.dataset] of experiment set [v1] is a ")
                    .hasMessageEndingWith(", which is not a JSON value. Use a string, number, boolean, list or object.");
        }
    }

    @Nested
    @DisplayName("a cv block with")
    class CvBlock {

        @ParameterizedTest(name = "repeat {0}")
        @CsvSource(delimiter = '|', value = {"0|0", "-2|-2", "2.5|2.5", "\"3\"|\"3\"", "true|true", "1e10|1.0E10"})
        @DisplayName("a repeat that is not a positive whole number")
        void repeat(String repeat, String shown) {
            assertFails("{\"name\": \"v1\", \"cv\": {\"common_params\": {" + COMMON + "}, \"repeat\": " + repeat + "}}",
                    "Configuration error: [cv.repeat] of experiment set [v1] must be a positive whole number, but was " + shown + ".");
        }

        @ParameterizedTest(name = "axis {0}")
        @ValueSource(strings = {"[]", "{\"name\": \"m1\"}", "\"m1\"", "null"})
        @DisplayName("a grid axis that is not a non-empty list")
        void gridAxis(String axis) {
            assertFails("{\"name\": \"v1\", \"cv\": {\"common_params\": {" + COMMON + "}, \"grid_params\": {\"model\": " + axis + "}}}",
                    "Configuration error: grid parameter [model] of experiment set [v1] must be a non-empty list of values.");
        }
    }

    @Nested
    @DisplayName("an API key written as a literal")
    class LiteralApiKeys {

        private static final String MESSAGE =
                "Configuration error: [api_key] of experiment set [v1] is not a reference. Write ${env:NAME} or ${file:PATH} instead of the key itself.";

        @Test
        @DisplayName("in a grid model, never showing the key")
        void inGrid() {
            assertThatThrownBy(() -> Json.parse("{\"name\": \"v1\", \"cv\": {\"common_params\": {" + COMMON + "},"
                    + " \"grid_params\": {\"model\": [{\"name\": \"m1\", \"api_key\": \"sk-secret-123\"}]}}}"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(MESSAGE)
                    .hasMessageNotContaining("sk-secret-123");
        }

        @Test
        @DisplayName("in the common parameters, written as a dotted key")
        void dottedInCommon() {
            assertFails("{\"name\": \"v1\", \"cv\": {\"common_params\": {" + COMMON + ", \"model.api_key\": \"sk-secret\"}}}", MESSAGE);
        }

        @Test
        @DisplayName("deep inside an experiment of the list")
        void inExperiment() {
            assertFails("{\"name\": \"v1\", \"experiments\": [{" + COMMON + ", \"judge\": {\"auth\": {\"api_key\": 12345}}}]}", MESSAGE);
        }

        @Test
        @DisplayName("but not a ${file:...} or ${env:...} reference")
        void referencesAreAccepted() {
            List<ExperimentConfiguration> experiments = Json.experiments("{\"name\": \"v1\", \"experiments\": [{" + COMMON + ", \"judge_model\": {\"name\": \"judge\", \"api_key\": \"${file:/run/secrets/judge-key}\"}},"
                    + " {\"dataset\": \"d.jsonl\", \"model\": {\"name\": \"m1\", \"api_key\": \"${env:M1_KEY}\"}, \"metrics\": [\"output_length\"]}]}");

            assertThat(experiments).extracting(ExperimentConfiguration::name).containsExactly("v1__0", "v1__1");
        }
    }

    @Nested
    @DisplayName("an experiments list with")
    class ExperimentsList {

        @Test
        @DisplayName("no experiments")
        void empty() {
            assertFails("{\"name\": \"v1\", \"experiments\": []}",
                    "Configuration error: [experiments] of experiment set [v1] must be a non-empty list of experiments. Give each as {\"name\": ..., \"dataset\": ..., \"model\": ..., \"metrics\": [...]}.");
        }

        @Test
        @DisplayName("an experiment that is not an object")
        void notObject() {
            assertFails("{\"name\": \"v1\", \"experiments\": [{" + COMMON + "}, \"m2\"]}",
                    "Configuration error: [experiments[1]] of experiment set [v1] must be an object, but was a string. Give it as {\"name\": ..., \"dataset\": ..., \"model\": ..., \"metrics\": [...]}.");
        }

        @Test
        @DisplayName("a name that is not a string")
        void nameNotString() {
            assertFails("{\"name\": \"v1\", \"experiments\": [{\"name\": 3, " + COMMON + "}]}",
                    "Configuration error: [experiments[0].name] of experiment set [v1] must be a non-blank string, but was a number. Name the experiment or leave the name out.");
        }

        @Test
        @DisplayName("two experiments of the same name")
        void duplicateNames() {
            assertFails("{\"name\": \"v1\", \"experiments\": [{\"name\": \"a\", " + COMMON + "}, {\"name\": \"b\", " + COMMON
                            + "}, {\"name\": \"a\", " + COMMON + "}]}",
                    "Configuration error: experiment name [a] is given twice in experiment set [v1]. Give each experiment its own name.");
        }

        @Test
        @DisplayName("two names that give one folder: they would write into each other's observations file")
        void namesOfOneFolder() {
            assertFails("{\"name\": \"v1\", \"experiments\": [{\"name\": \"run a\", " + COMMON + "}, {\"name\": \"run/a\", "
                            + COMMON + "}]}",
                    "Configuration error: experiments [run a] and [run/a] of experiment set [v1] would write their files into one folder [run_a]. Give them names that differ in letters, digits, '.', '_' or '-', not only in case or in other characters.");
        }

        @Test
        @DisplayName("two names that differ only in case: one folder on macOS and Windows")
        void namesDifferingInCase() {
            assertFails("{\"name\": \"v1\", \"experiments\": [{\"name\": \"Baseline\", " + COMMON + "}, {\"name\": \"baseline\", "
                            + COMMON + "}]}",
                    "Configuration error: experiments [Baseline] and [baseline] of experiment set [v1] would write their files into one folder [baseline]. Give them names that differ in letters, digits, '.', '_' or '-', not only in case or in other characters.");
        }

        @Test
        @DisplayName("an experiment without a dataset")
        void noDataset() {
            assertFails("{\"name\": \"v1\", \"experiments\": [{\"name\": \"a\", \"model\": \"m1\", \"metrics\": [\"output_length\"]}]}",
                    "Configuration error: experiment [a] of experiment set [v1] has no [dataset]. Set it in the experiment.");
        }
    }

    @Nested
    @DisplayName("a merged experiment")
    class MergedExperiment {

        private static String cv(String common, String grid) {
            return "{\"name\": \"NAME\", \"cv\": {\"common_params\": {" + common + "}, \"grid_params\": {" + grid + "}}}";
        }

        @Test
        @DisplayName("without a dataset, naming the first experiment lacking it")
        void noDataset() {
            assertFails(cv("\"model\": \"m1\", \"metrics\": [\"output_length\"]",
                            "\"seed\": [1, 2, 3, 4], \"dataset\": [\"d.jsonl\", \"d.jsonl\", \"d.jsonl\", null]"),
                    "Configuration error: experiment [NAME__3] of experiment set [NAME] has no [dataset]. Set it in cv.common_params or the experiment.");
        }

        @Test
        @DisplayName("without a model")
        void noModel() {
            assertFails(cv("\"dataset\": \"d.jsonl\", \"metrics\": [\"output_length\"]", ""),
                    "Configuration error: experiment [NAME__0] of experiment set [NAME] has no [model]. Set it in cv.common_params or the experiment.");
        }

        @Test
        @DisplayName("without metrics, or with an empty list of them")
        void noMetrics() {
            assertFails(cv("\"dataset\": \"d.jsonl\", \"model\": \"m1\"", ""),
                    "Configuration error: experiment [NAME__0] of experiment set [NAME] has no [metrics]. Set it in cv.common_params or the experiment.");
            assertFails(cv("\"dataset\": \"d.jsonl\", \"model\": \"m1\", \"metrics\": []", ""),
                    "Configuration error: experiment [NAME__0] of experiment set [NAME] has no [metrics]. Set it in cv.common_params or the experiment.");
        }

        @ParameterizedTest(name = "model {0}")
        @ValueSource(strings = {"42", "[\"m1\"]", "{\"base_url\": \"http://localhost:8000/v1\"}", "{\"name\": \" \"}"})
        @DisplayName("with a model that is neither a name nor an object with name or aliased_name")
        void badModel(String model) {
            assertFails(cv("\"dataset\": \"d.jsonl\", \"metrics\": [\"output_length\"]", "\"model\": [" + model + "]"),
                    "Configuration error: [model] of experiment [NAME__0] of experiment set [NAME] is neither a model name nor an object with [name], [aliased_name] or [method]. Name the model, e.g. {\"name\": \"m1\"}.");
        }

        @Test
        @DisplayName("with a dataset that is not a path")
        void datasetNotPath() {
            assertFails(cv("\"dataset\": {\"file\": \"d.jsonl\"}, \"model\": \"m1\", \"metrics\": [\"output_length\"]", ""),
                    "Configuration error: [dataset] of experiment [NAME__0] of experiment set [NAME] must be a dataset path, but was an object. Give the path of a JSONL or CSV file.");
        }

        @Test
        @DisplayName("with metrics that are not a list of names or objects with a name")
        void metricsNotNames() {
            String expected = "Configuration error: [metrics] of experiment [NAME__0] of experiment set [NAME] must be a list of"
                    + " metric names or objects with a [name]. Write e.g. [\"judge_precision\", {\"name\": \"judge_adhoc\","
                    + " \"prompt\": \"Is {{ output }} polite?\"}].";
            assertFails(cv("\"dataset\": \"d.jsonl\", \"model\": \"m1\", \"metrics\": \"output_length\"", ""), expected);
            assertFails(cv("\"dataset\": \"d.jsonl\", \"model\": \"m1\", \"metrics\": [{\"prompt\": \"x\"}]", ""), expected);
        }

        @Test
        @DisplayName("accepts a metric object with parameters, as judge_adhoc needs")
        void metricObject() {
            assertThat(Json.parse(("{\"name\": \"NAME\", \"cv\": {\"common_params\": {"
                    + "\"dataset\": \"d.jsonl\", \"model\": \"m1\", \"metrics\": [{\"name\": \"judge_adhoc\","
                    + " \"prompt\": \"Is {{ output }} polite?\"}]}, \"grid_params\": {}}}")).experiments()).hasSize(1);
        }
    }
}
