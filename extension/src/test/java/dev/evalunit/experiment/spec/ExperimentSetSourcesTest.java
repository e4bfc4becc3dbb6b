package dev.evalunit.experiment.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.experiment.ExperimentSetDefinition;
import dev.evalunit.config.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("An experiment set declared")
class ExperimentSetSourcesTest {

    private static final String FILE = "expsets/model-comparison.json";

    @TempDir
    Path dir;

    private ExperimentSetSpec load(String location) {
        return ExperimentSetParser.load(location, getClass().getClassLoader(), dir);
    }

    private static final ExperimentSet FULL = ExperimentSetAttributes.attributes().name("model_comparison")
            .dataset("datasets/qa.jsonl").metrics("judge_precision", "output_length").judgeModel("judge")
            .models("m1", "m2").temperatures(0.2, 0.8).repeat(3);

    @Nested
    @DisplayName("in a JSON file")
    class InAFile {

        @Test
        @DisplayName("is found on the class path and named by its location")
        void classPath() {
            ExperimentSetSpec set = load(FILE);

            assertThat(set.name()).isEqualTo("model_comparison");
            assertThat(set.source()).isEqualTo(FILE);
            assertThat(set.experiments()).hasSize(12);
            assertThat(set.experiments().get(0).displayName()).isEqualTo("model=m1, temperature=0.2 · run 1/3");
        }

        @Test
        @DisplayName("in the experiments form, with a readme")
        void experimentsForm() {
            ExperimentSetSpec set = load("/expsets/hand-picked.json");

            assertThat(set.readme()).isEqualTo("Two named experiments and a repeat of the first.");
            assertThat(set.experiments()).extracting(ExperimentConfiguration::displayName)
                    .containsExactly("model=m1 · run 1/2", "model=m2 · run 1/1", "model=m1 · run 2/2");
            assertThat(set.experiments().get(1).model())
                    .isEqualTo(new ModelConfiguration("m2", null, "${env:M2_KEY}", null, null, Map.of(), Map.of()));
        }

        @Test
        @DisplayName("is found as a file relative to the base directory")
        void file() throws IOException {
            Files.writeString(dir.resolve("local.json"), "{\"name\": \"local\", \"experiments\": [{\"dataset\": \"d.jsonl\","
                    + " \"model\": \"m1\", \"metrics\": [\"output_length\"]}]}", StandardCharsets.UTF_8);

            assertThat(load("local.json").experiments()).extracting(ExperimentConfiguration::name).containsExactly("local__0");
        }

        @Test
        @DisplayName("that does not exist is an error naming it")
        void missing() {
            assertThatThrownBy(() -> load("expsets/nowhere.json"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: experiment set file [expsets/nowhere.json] was not found on the class path"
                            + " or as a file. Check the path; class path resources live in src/test/resources.");
        }

        @Test
        @DisplayName("that is not JSON is an error naming the file, line and column")
        void notJson() {
            assertThatThrownBy(() -> load("expsets/broken.json"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: experiment set file [expsets/broken.json] is not valid JSON at line 4,"
                            + " column 54: Unexpected character ('}' (code 125)): was expecting double-quote to start field name."
                            + " Fix the JSON there.");
        }

        @Test
        @DisplayName("with an unquoted key is an error that does not repeat the key")
        void unquotedKey() throws IOException {
            Files.writeString(dir.resolve("unquoted.json"), "{\"name\": \"v1\", \"api_key\": sk-secret-123}");

            assertThatThrownBy(() -> load("unquoted.json"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Configuration error: experiment set file [unquoted.json] is not valid JSON at line 1, column ")
                    .hasMessageNotContaining("sk-secret");
        }

        @Test
        @DisplayName("with a key given twice is an error")
        void duplicateKey() throws IOException {
            Files.writeString(dir.resolve("twice.json"), "{\"name\": \"v1\",\n \"name\": \"v2\"}");

            assertThatThrownBy(() -> load("twice.json"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: experiment set file [twice.json] is not valid JSON at line 2, column 8:"
                            + " Duplicate field 'name'. Fix the JSON there.");
        }

        @Test
        @DisplayName("that holds something other than an object is an error")
        void notAnObject() throws IOException {
            Files.writeString(dir.resolve("list.json"), "[{\"name\": \"v1\"}]");

            assertThatThrownBy(() -> load("list.json"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: experiment set file [list.json] holds a list, not a JSON object."
                            + " Write the set as {\"name\": ..., \"cv\": {...}}.");
        }
    }

    @Nested
    @DisplayName("by the annotation's attributes")
    class ByAttributes {

        @Test
        @DisplayName("becomes the experiment-set JSON: models and temperatures are grid axes")
        void json() {
            assertThat(ExperimentSetParser.fromAnnotation(FULL, "full")).isEqualTo(Json.object("""
                    {"name": "model_comparison",
                     "cv": {"common_params": {"dataset": "datasets/qa.jsonl", "metrics": ["judge_precision", "output_length"],
                                              "judge_model": "judge"},
                            "grid_params": {"model": [{"name": "m1"}, {"name": "m2"}],
                                            "model.sampling_params.temperature": [0.2, 0.8]},
                            "repeat": 3}}"""));
        }

        @Test
        @DisplayName("leaves out attributes left at their defaults and takes the default name")
        void minimal() {
            assertThat(ExperimentSetParser.fromAnnotation(ExperimentSetAttributes.attributes().dataset("datasets/qa.jsonl").metrics("output_length").models("m1"), "minimal")).isEqualTo(Json.object("""
                    {"name": "minimal",
                     "cv": {"common_params": {"dataset": "datasets/qa.jsonl", "metrics": ["output_length"]},
                            "grid_params": {"model": [{"name": "m1"}]},
                            "repeat": 1}}"""));
        }

        @Test
        @DisplayName("without models is reported as an experiment without a model")
        void withoutModels() {
            Map<String, Object> json = ExperimentSetParser.fromAnnotation(ExperimentSetAttributes.attributes().dataset("datasets/qa.jsonl").metrics("output_length"), "withoutModels");

            assertThatThrownBy(() -> ExperimentSetParser.parse(json, "@ExperimentSet on withoutModels()"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: experiment [withoutModels__0] of experiment set [withoutModels] has no [model]."
                            + " Set it in cv.common_params or the experiment.");
        }
    }

    @Nested
    @DisplayName("in any of the three ways")
    class Equivalence {

        private static ExperimentSetDefinition builder() {
            return ExperimentSetDefinition.named("model_comparison")
                    .common("dataset", "datasets/qa.jsonl")
                    .common("metrics", List.of("judge_precision", "output_length"))
                    .common("judge_model", "judge")
                    .grid("model", List.of(Map.of("name", "m1"), Map.of("name", "m2")))
                    .grid("model.sampling_params.temperature", List.of(0.2, 0.8))
                    .repeat(3)
                    .build();
        }

        @Test
        @DisplayName("gives the same experiments from a file, the Java builder and the annotation")
        void sameExperiments() {
            ExperimentSetSpec fromFile = load(FILE);
            ExperimentSetSpec fromBuilder = ExperimentSetParser.parse(builder().asJson(), "Tests.comparison()");
            ExperimentSetSpec fromAnnotation = ExperimentSetParser.parse(
                    ExperimentSetParser.fromAnnotation(FULL, "full"), "@ExperimentSet on full()");

            assertThat(fromBuilder.experiments()).isEqualTo(fromFile.experiments());
            assertThat(fromAnnotation.experiments()).isEqualTo(fromFile.experiments());
            assertThat(fromBuilder.name()).isEqualTo(fromAnnotation.name()).isEqualTo(fromFile.name());
            assertThat(fromBuilder.readme()).isEqualTo(fromAnnotation.readme()).isEmpty();
        }

        @Test
        @DisplayName("gives equal typed records from the three: model, sampling parameters, metrics, judge, repeats")
        void sameRecords() {
            ExperimentConfiguration expected = new ExperimentConfiguration("model_comparison", "model_comparison__4", 4,
                    "datasets/qa.jsonl", new ModelConfiguration("m1", null, null, null, null, Map.of("temperature", 0.8),
                            Map.of()),
                    List.of(new MetricConfiguration("judge_precision", Map.of()), new MetricConfiguration("output_length", Map.of())),
                    ModelConfiguration.named("judge"), Map.of(), load(FILE).experiments().get(4).configurationId(), 1, 3,
                    "model=m1, temperature=0.8", Json.object("""
                            {"dataset": "datasets/qa.jsonl", "metrics": ["judge_precision", "output_length"],
                             "judge_model": "judge", "model": {"name": "m1", "sampling_params": {"temperature": 0.8}}}"""));

            assertThat(load(FILE).experiments().get(4)).isEqualTo(expected);
            assertThat(ExperimentSetParser.parse(builder().asJson(), "Tests.comparison()").experiments().get(4))
                    .isEqualTo(expected);
            assertThat(ExperimentSetParser.parse(ExperimentSetParser.fromAnnotation(FULL, "full"), "@ExperimentSet on full()")
                    .experiments().get(4)).isEqualTo(expected);
        }
    }
}
