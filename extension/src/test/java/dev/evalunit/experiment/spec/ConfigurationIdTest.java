package dev.evalunit.experiment.spec;

import static dev.evalunit.experiment.spec.Json.experiments;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A configuration id")
class ConfigurationIdTest {

    private static String idOf(String experimentJson) {
        return experiments("{\"name\": \"ids\", \"experiments\": [" + experimentJson + "]}").get(0).configurationId();
    }

    @Test
    @DisplayName("is the first 12 hex characters of the SHA-256 of the canonical JSON (pinned)")
    void golden() {
        String id = idOf("""
                {"dataset": "d.jsonl", "model": {"name": "m1", "sampling_params": {"temperature": 0.2}},
                 "metrics": ["output_length"]}""");

        // Computed once outside Java: sha256 of the canonical text
        // {"dataset":"d.jsonl","metrics":["output_length"],"model":{"name":"m1","sampling_params":{"temperature":0.2}}}
        assertThat(id).isEqualTo("8e0d6a413e1b");
    }

    @Test
    @DisplayName("is shared by the repeats of a configuration and differs between configurations")
    void repeatsShareIt() {
        List<ExperimentConfiguration> experiments = experiments(ExperimentSetParserTest.TWO_BY_TWO);

        assertThat(experiments).extracting(ExperimentConfiguration::configurationId).doesNotContainNull()
                .allMatch(id -> id.matches("[0-9a-f]{12}"));
        assertThat(experiments.subList(0, 3)).extracting(ExperimentConfiguration::configurationId).containsOnly(
                experiments.get(0).configurationId());
        assertThat(experiments.stream().map(ExperimentConfiguration::configurationId).distinct()).hasSize(4);
    }

    @Test
    @DisplayName("does not depend on the order keys are written in, at any depth")
    void keyOrder() {
        assertThat(idOf("""
                {"dataset": "d.jsonl", "model": {"name": "m1", "sampling_params": {"temperature": 0.2, "top_p": 0.9}},
                 "metrics": ["output_length"]}"""))
                .isEqualTo(idOf("""
                {"metrics": ["output_length"], "model": {"sampling_params": {"top_p": 0.9, "temperature": 0.2}, "name": "m1"},
                 "dataset": "d.jsonl"}"""));
    }

    @Test
    @DisplayName("is the same whether a parameter is written with a dotted key or nested")
    void dottedKeys() {
        assertThat(idOf("""
                {"dataset": "d.jsonl", "model": "m1", "model.sampling_params.temperature": 0.2, "metrics": ["output_length"]}"""))
                .isEqualTo(idOf("""
                {"dataset": "d.jsonl", "model": {"name": "m1", "sampling_params": {"temperature": 0.2}}, "metrics": ["output_length"]}"""));
    }

    @Test
    @DisplayName("does not change when only the API key changes or is left out")
    void apiKeyIgnored() {
        String withKey = idOf("""
                {"dataset": "d.jsonl", "model": {"name": "m1", "api_key": "${env:A_KEY}"}, "metrics": ["output_length"]}""");

        assertThat(withKey)
                .isEqualTo(idOf("""
                {"dataset": "d.jsonl", "model": {"name": "m1", "api_key": "${env:B_KEY}"}, "metrics": ["output_length"]}"""))
                .isEqualTo(idOf("""
                {"dataset": "d.jsonl", "model": {"name": "m1"}, "metrics": ["output_length"]}"""));
    }

    @Test
    @DisplayName("does not depend on the experiment's name")
    void nameIgnored() {
        assertThat(idOf("""
                {"name": "a", "dataset": "d.jsonl", "model": "m1", "metrics": ["output_length"]}"""))
                .isEqualTo(idOf("""
                {"name": "b", "dataset": "d.jsonl", "model": "m1", "metrics": ["output_length"]}"""));
    }

    @Test
    @DisplayName("changes with any value, an integer and a decimal included")
    void valuesMatter() {
        assertThat(idOf("""
                {"dataset": "d.jsonl", "model": {"name": "m1", "sampling_params": {"max_tokens": 100}}, "metrics": ["output_length"]}"""))
                .isNotEqualTo(idOf("""
                {"dataset": "d.jsonl", "model": {"name": "m1", "sampling_params": {"max_tokens": 101}}, "metrics": ["output_length"]}"""))
                .isNotEqualTo(idOf("""
                {"dataset": "d.jsonl", "model": {"name": "m1", "sampling_params": {"max_tokens": 100.5}}, "metrics": ["output_length"]}"""));
    }
}
