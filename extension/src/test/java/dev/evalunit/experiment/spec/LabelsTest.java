package dev.evalunit.experiment.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Labels")
class LabelsTest {

    private static List<String> labels(String... configurations) {
        return Labels.of(List.of(configurations).stream().map(Json::object).toList(), "set");
    }

    @Test
    @DisplayName("show only the parameters whose values differ, in declaration order")
    void onlyDiffering() {
        assertThat(labels(
                "{\"dataset\": \"d\", \"model\": {\"name\": \"m1\", \"sampling_params\": {\"temperature\": 0.2}}, \"seed\": 1}",
                "{\"dataset\": \"d\", \"model\": {\"name\": \"m2\", \"sampling_params\": {\"temperature\": 0.2}}, \"seed\": 2}"))
                .containsExactly("model=m1, seed=1", "model=m2, seed=2");
    }

    @Test
    @DisplayName("name a model by its name or aliased name, under the key model")
    void modelName() {
        assertThat(labels("{\"model\": {\"name\": \"m1\"}}", "{\"model\": {\"aliased_name\": \"baseline\"}}"))
                .containsExactly("model=m1", "model=baseline");
    }

    @Test
    @DisplayName("lengthen a key to the shortest dotted suffix no other differing parameter shares")
    void shortestUniqueSuffix() {
        assertThat(labels(
                "{\"model\": {\"sampling_params\": {\"temperature\": 0.2}}, \"judge\": {\"sampling_params\": {\"temperature\": 0}}, \"a\": {\"top_p\": 1}}",
                "{\"model\": {\"sampling_params\": {\"temperature\": 0.8}}, \"judge\": {\"sampling_params\": {\"temperature\": 1}}, \"a\": {\"top_p\": 0.5}}"))
                .containsExactly(
                        "model.sampling_params.temperature=0.2, judge.sampling_params.temperature=0, top_p=1",
                        "model.sampling_params.temperature=0.8, judge.sampling_params.temperature=1, top_p=0.5");
    }

    @Test
    @DisplayName("write values as compact JSON, strings without quotes")
    void values() {
        assertThat(labels(
                "{\"s\": \"text\", \"n\": null, \"b\": true, \"l\": [\"x\", 1], \"o\": {}}",
                "{\"s\": \"other\", \"n\": 3, \"b\": false, \"l\": [], \"o\": [1]}"))
                .containsExactly("s=text, n=null, b=true, l=[\"x\",1], o={}", "s=other, n=3, b=false, l=[], o=[1]");
    }

    @Test
    @DisplayName("cut long values so display names stay readable")
    void longValues() {
        String prompt = "You are a careful assistant who answers in one short paragraph.";
        assertThat(labels("{\"system_prompt\": \"" + prompt + "\"}", "{\"system_prompt\": \"Be brief.\"}"))
                .containsExactly("system_prompt=You are a careful assistant who answers…", "system_prompt=Be brief.");
    }

    @Test
    @DisplayName("treat equal numbers of different Java types as the same value")
    void numberTypes() {
        assertThat(Labels.of(List.of(Map.of("seed", 1, "m", "a"), Map.of("seed", 1L, "m", "b")), "set"))
                .containsExactly("m=a", "m=b");
    }

    @Test
    @DisplayName("are the set's name when no parameter differs")
    void nothingDiffers() {
        assertThat(labels("{\"model\": {\"name\": \"m1\"}}", "{\"model\": {\"name\": \"m1\"}}"))
                .containsExactly("set", "set");
    }
}
