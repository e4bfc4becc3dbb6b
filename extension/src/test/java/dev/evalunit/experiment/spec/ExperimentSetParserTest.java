package dev.evalunit.experiment.spec;

import static dev.evalunit.experiment.spec.Json.experiments;
import static dev.evalunit.experiment.spec.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("ExperimentSetParser expands an experiment set")
class ExperimentSetParserTest {

    static final String TWO_BY_TWO = """
            {"name": "cmp", "readme": "m1 against m2",
             "cv": {"common_params": {"dataset": "qa.jsonl", "metrics": ["output_length"]},
                    "grid_params": {"model": [{"name": "m1"}, {"name": "m2"}],
                                    "model.sampling_params.temperature": [0.2, 0.8]},
                    "repeat": 3}}
            """;

    @Nested
    @DisplayName("in the cv form")
    class Cv {

        @Test
        @DisplayName("a 2x2 grid repeated 3 times gives 12 experiments, repeats adjacent, last axis fastest")
        void twoByTwoByThree() {
            ExperimentSetSpec set = parse(TWO_BY_TWO);

            assertThat(set.name()).isEqualTo("cmp");
            assertThat(set.readme()).isEqualTo("m1 against m2");
            assertThat(set.source()).isEqualTo("test.json");
            assertThat(set.experiments()).extracting(ExperimentConfiguration::name).containsExactly(
                    "cmp__0", "cmp__1", "cmp__2", "cmp__3", "cmp__4", "cmp__5",
                    "cmp__6", "cmp__7", "cmp__8", "cmp__9", "cmp__10", "cmp__11");
            assertThat(set.experiments()).extracting(ExperimentConfiguration::index)
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            assertThat(set.experiments()).extracting(ExperimentConfiguration::displayName).containsExactly(
                    "model=m1, temperature=0.2 · run 1/3",
                    "model=m1, temperature=0.2 · run 2/3",
                    "model=m1, temperature=0.2 · run 3/3",
                    "model=m1, temperature=0.8 · run 1/3",
                    "model=m1, temperature=0.8 · run 2/3",
                    "model=m1, temperature=0.8 · run 3/3",
                    "model=m2, temperature=0.2 · run 1/3",
                    "model=m2, temperature=0.2 · run 2/3",
                    "model=m2, temperature=0.2 · run 3/3",
                    "model=m2, temperature=0.8 · run 1/3",
                    "model=m2, temperature=0.8 · run 2/3",
                    "model=m2, temperature=0.8 · run 3/3");
        }

        @Test
        @DisplayName("each experiment knows its set, label, repeat index and repeat count")
        void experimentFields() {
            ExperimentConfiguration fifth = experiments(TWO_BY_TWO).get(4);

            assertThat(fifth.setName()).isEqualTo("cmp");
            assertThat(fifth.label()).isEqualTo("model=m1, temperature=0.8");
            assertThat(fifth.repeatIndex()).isEqualTo(1);
            assertThat(fifth.repeatCount()).isEqualTo(3);
            assertThat(fifth.recordedConfiguration()).isEqualTo(Json.object("""
                    {"dataset": "qa.jsonl", "metrics": ["output_length"],
                     "model": {"name": "m1", "sampling_params": {"temperature": 0.8}}}"""));
        }

        @Test
        @DisplayName("the first grid axis varies slowest, the last fastest, across three axes")
        void lastAxisFastest() {
            List<ExperimentConfiguration> experiments = experiments("""
                    {"name": "order", "cv": {"common_params": {"dataset": "d.jsonl", "model": "m", "metrics": ["output_length"]},
                     "grid_params": {"model.sampling_params.a": [1, 2], "model.sampling_params.b": ["x", "y"],
                                     "model.sampling_params.c": [true, false]}}}""");

            assertThat(experiments).extracting(ExperimentConfiguration::label).containsExactly(
                    "a=1, b=x, c=true", "a=1, b=x, c=false", "a=1, b=y, c=true", "a=1, b=y, c=false",
                    "a=2, b=x, c=true", "a=2, b=x, c=false", "a=2, b=y, c=true", "a=2, b=y, c=false");
            assertThat(experiments).allSatisfy(e -> assertThat(e.repeatCount()).isEqualTo(1));
        }

        @Test
        @DisplayName("a grid model deep-merges onto the common model, keeping its temperature")
        void deepMergeKeepsCommonValues() {
            ExperimentConfiguration experiment = experiments("""
                    {"name": "merge", "cv": {
                      "common_params": {"dataset": "d.jsonl", "metrics": ["output_length"],
                                        "model": {"name": "m1", "sampling_params": {"temperature": 0.2}}},
                      "grid_params": {"model": [{"sampling_params": {"max_tokens": 100}}]}}}""").get(0);

            assertThat(experiment.recordedConfiguration()).containsEntry("model",
                    Map.of("name", "m1", "sampling_params", Map.of("temperature", 0.2, "max_tokens", 100)));
        }

        @Test
        @DisplayName("a list in the grid replaces the common list rather than merging with it")
        void listsAreReplaced() {
            ExperimentConfiguration experiment = experiments("""
                    {"name": "lists", "cv": {
                      "common_params": {"dataset": "d.jsonl", "model": "m1", "metrics": ["output_length", "generation_time"]},
                      "grid_params": {"metrics": [["judge_precision"]]}}}""").get(0);

            assertThat(experiment.recordedConfiguration().get("metrics")).isEqualTo(List.of("judge_precision"));
        }

        @Test
        @DisplayName("dotted keys nest, in common and grid parameters alike, and merge with written-out objects")
        void dottedKeys() {
            ExperimentConfiguration experiment = experiments("""
                    {"name": "dots", "cv": {
                      "common_params": {"dataset": "d.jsonl", "metrics": ["output_length"],
                                        "model": {"name": "m1"}, "model.sampling_params.temperature": 0.2},
                      "grid_params": {"model.sampling_params.top_p": [0.9]}}}""").get(0);

            assertThat(experiment.recordedConfiguration()).isEqualTo(Json.object("""
                    {"dataset": "d.jsonl", "metrics": ["output_length"],
                     "model": {"name": "m1", "sampling_params": {"temperature": 0.2, "top_p": 0.9}}}"""));
        }

        @Test
        @DisplayName("a model given by name alone stands for an object with that name and takes grid sampling parameters")
        void modelShorthand() {
            List<ExperimentConfiguration> experiments = experiments("""
                    {"name": "short", "cv": {
                      "common_params": {"dataset": "d.jsonl", "metrics": ["output_length"], "model": "m1"},
                      "grid_params": {"model.sampling_params.temperature": [0.2, 0.8]}}}""");

            assertThat(experiments.get(0).recordedConfiguration().get("model"))
                    .isEqualTo(Map.of("name", "m1", "sampling_params", Map.of("temperature", 0.2)));
            assertThat(experiments).extracting(ExperimentConfiguration::displayName)
                    .containsExactly("temperature=0.2 · run 1/1", "temperature=0.8 · run 1/1");
        }

        @Test
        @DisplayName("integers stay integers and keys keep their declaration order")
        void valuesAsDeclared() {
            ExperimentConfiguration experiment = experiments("""
                    {"name": "types", "cv": {"common_params": {"model": {"name": "m1", "sampling_params": {"max_tokens": 100}},
                     "metrics": ["output_length"], "dataset": "d.jsonl"}}}""").get(0);

            assertThat(experiment.recordedConfiguration().keySet()).containsExactly("model", "metrics", "dataset");
            @SuppressWarnings("unchecked")
            Map<String, Object> model = (Map<String, Object>) experiment.recordedConfiguration().get("model");
            assertThat(((Map<?, ?>) model.get("sampling_params")).get("max_tokens")).isInstanceOf(Integer.class);
        }

        @Test
        @DisplayName("without grid parameters the common parameters are the one configuration")
        void noGrid() {
            List<ExperimentConfiguration> experiments = experiments("""
                    {"name": "single", "cv": {"common_params": {"dataset": "d.jsonl", "model": "m1",
                     "metrics": ["output_length"]}, "repeat": 2}}""");

            assertThat(experiments).extracting(ExperimentConfiguration::displayName)
                    .containsExactly("single · run 1/2", "single · run 2/2");
        }

        @Test
        @DisplayName("a repeat written as 2.0 is a whole number")
        void wholeDoubleRepeat() {
            assertThat(experiments("""
                    {"name": "r", "cv": {"common_params": {"dataset": "d.jsonl", "model": "m1",
                     "metrics": ["output_length"]}, "repeat": 2.0}}""")).hasSize(2);
        }
    }

    @Nested
    @DisplayName("in the experiments form")
    class ExperimentsList {

        static final String LIST = """
                {"name": "hand", "experiments": [
                  {"name": "small", "dataset": "d.jsonl", "model": "m1", "metrics": ["output_length"]},
                  {"dataset": "d.jsonl", "model": {"name": "m2"}, "metrics": ["output_length"]},
                  {"name": "small_again", "dataset": "d.jsonl", "model": {"name": "m1"}, "metrics": ["output_length"]}]}""";

        @Test
        @DisplayName("takes each experiment as given, named as given or <set>__<index>")
        void asGiven() {
            List<ExperimentConfiguration> experiments = experiments(LIST);

            assertThat(experiments).extracting(ExperimentConfiguration::name).containsExactly("small", "hand__1", "small_again");
            assertThat(experiments.get(0).recordedConfiguration()).isEqualTo(Json.object("""
                    {"name": "small", "dataset": "d.jsonl", "model": {"name": "m1"}, "metrics": ["output_length"]}"""));
        }

        @Test
        @DisplayName("treats experiments with equal configurations as repeats of one, whatever their names")
        void repeatsByConfigurationId() {
            List<ExperimentConfiguration> experiments = experiments(LIST);

            assertThat(experiments.get(0).configurationId()).isEqualTo(experiments.get(2).configurationId())
                    .isNotEqualTo(experiments.get(1).configurationId());
            assertThat(experiments).extracting(ExperimentConfiguration::displayName)
                    .containsExactly("model=m1 · run 1/2", "model=m2 · run 1/1", "model=m1 · run 2/2");
        }

        @Test
        @DisplayName("leaves a parameter an experiment does not set out of its label")
        void unsetParameter() {
            List<ExperimentConfiguration> experiments = experiments("""
                    {"name": "hand", "experiments": [
                      {"dataset": "d.jsonl", "model": {"name": "m1", "sampling_params": {"temperature": 0.7}}, "metrics": ["output_length"]},
                      {"dataset": "d.jsonl", "model": "m1", "metrics": ["output_length"]}]}""");

            assertThat(experiments).extracting(ExperimentConfiguration::label).containsExactly("temperature=0.7", "hand");
        }

        @Test
        @DisplayName("accepts a pre-generated model named by its aliased name")
        void aliasedModel() {
            List<ExperimentConfiguration> experiments = experiments("""
                    {"name": "pre", "experiments": [
                      {"dataset": "d.jsonl", "model": {"aliased_name": "baseline", "output": ["a", "b"]}, "metrics": ["output_length"]},
                      {"dataset": "d.jsonl", "model": "m1", "metrics": ["output_length"]}]}""");

            assertThat(experiments).extracting(ExperimentConfiguration::label).containsExactly("model=baseline, output=[\"a\",\"b\"]", "model=m1");
        }
    }

    @Nested
    @DisplayName("reads each experiment into typed parts")
    class Typed {

        @Test
        @DisplayName("a model of its own, metric parameters, a judge and a columns_map")
        void parts() {
            ExperimentConfiguration experiment = experiments("""
                    {"name": "typed", "experiments": [{"dataset": "d.jsonl",
                      "model": {"name": "gpt", "base_url": "http://127.0.0.1:1/v1", "api_key": "${env:KEY}",
                                "system_prompt": "Be brief.", "prelude_prompt": "Answer:",
                                "sampling_params": {"temperature": 0.2}, "extra_params": {"seed": 7}},
                      "metrics": ["output_length", {"name": "judge_adhoc", "prompt": "Is {{ output }} polite?"}],
                      "judge_model": {"name": "judge", "sampling_params": {"temperature": 0}},
                      "columns_map": {"query": "question"}}]}""").get(0);

            assertThat(experiment.dataset()).isEqualTo("d.jsonl");
            assertThat(experiment.model()).isEqualTo(new ModelConfiguration("gpt", "http://127.0.0.1:1/v1", "${env:KEY}",
                    "Be brief.", "Answer:", Map.of("temperature", 0.2), Map.of("seed", 7)));
            assertThat(experiment.metrics()).containsExactly(new MetricConfiguration("output_length", Map.of()),
                    new MetricConfiguration("judge_adhoc", Map.of("prompt", "Is {{ output }} polite?")));
            assertThat(experiment.judgeModel()).isEqualTo(
                    new ModelConfiguration("judge", null, null, null, null, Map.of("temperature", 0), Map.of()));
            assertThat(experiment.columnsMap()).containsExactly(entry("query", "question"));
        }

        @Test
        @DisplayName("pre-generated outputs, a null output kept for its row")
        void preGenerated() {
            ExperimentConfiguration experiment = experiments("""
                    {"name": "pre", "experiments": [{"dataset": "d.jsonl", "metrics": ["output_length"],
                      "model": {"aliased_name": "baseline", "output": ["Paris", null, 42]}}]}""").get(0);

            assertThat(experiment.model()).isEqualTo(new PreGeneratedOutputs("baseline", Arrays.asList("Paris", null, "42")));
            assertThat(experiment.judgeModel()).isNull();
        }
    }

    @Nested
    @DisplayName("keeps API keys out of what is recorded")
    class Secrets {

        static final String WITH_KEYS = """
                {"name": "keys", "cv": {
                  "common_params": {"dataset": "d.jsonl", "metrics": ["output_length"], "judge_model": {"name": "judge", "api_key": "${file:/run/secrets/judge-key}"}},
                  "grid_params": {"model": [{"name": "m1", "api_key": "${env:M1_KEY}"}, {"name": "m2"}]}}}""";

        @Test
        @DisplayName("removes every api_key from the recorded configuration, at any depth")
        void recordedWithoutKeys() {
            ExperimentConfiguration first = experiments(WITH_KEYS).get(0);

            assertThat(first.recordedConfiguration()).isEqualTo(Json.object("""
                    {"dataset": "d.jsonl", "metrics": ["output_length"], "judge_model": {"name": "judge"}, "model": {"name": "m1"}}"""));
        }

        @Test
        @DisplayName("keeps the api_key reference in the model used to call it")
        void configurationKeepsReferences() {
            ExperimentConfiguration first = experiments(WITH_KEYS).get(0);

            assertThat(first.model()).isEqualTo(
                    new ModelConfiguration("m1", null, "${env:M1_KEY}", null, null, Map.of(), Map.of()));
        }

        @Test
        @DisplayName("does not show API keys in labels")
        void labelsWithoutKeys() {
            assertThat(experiments(WITH_KEYS)).extracting(ExperimentConfiguration::label).containsExactly("model=m1", "model=m2");
        }
    }

    @Nested
    @DisplayName("returns values that cannot be changed")
    class Immutability {

        @Test
        @DisplayName("the configuration maps, nested ones included")
        @SuppressWarnings("unchecked")
        void unmodifiable() {
            ExperimentConfiguration experiment = experiments(TWO_BY_TWO).get(0);
            Map<String, Object> model = (Map<String, Object>) experiment.recordedConfiguration().get("model");

            assertThatThrownBy(() -> model.put("name", "other"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> experiment.recordedConfiguration().clear())
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
