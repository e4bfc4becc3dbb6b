package dev.evalunit.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Writing the metrics file")
class MetricsFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private JsonNode write(PairwiseMetrics metrics) throws IOException {
        List<Path> written = List.of(MetricsFile.write(metrics, Map.of(), directory));
        assertThat(written).containsExactly(directory.resolve("metrics.json"));
        return JSON.readTree(Files.readString(written.get(0), StandardCharsets.UTF_8));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    @DisplayName("holds the autorater figures in the contract's order (those added since the first release last), counts as integers and missing figures as null")
    void autoraterFigures() throws IOException {
        JsonNode metrics = write(Results.METRICS);

        assertThat(fieldNames(metrics)).containsExactly("example_count", "error_count", "autosxs_model_a_win_rate",
                "autosxs_model_b_win_rate", "tie_rate", "autosxs_model_a_win_rate_ci_low",
                "autosxs_model_a_win_rate_ci_high", "position_consistency",
                "autosxs_model_b_win_rate_ci_low", "autosxs_model_b_win_rate_ci_high", "tie_rate_ci_low",
                "tie_rate_ci_high", "decisive_count", "decisive_model_a_win_count", "sign_test_p_value",
                "minimum_detectable_difference", "position_bias_sample_count",
                "position_bias_first_position_win_rate", "position_bias_p_value", "length_bias_example_count",
                "length_bias_longer_win_rate", "length_bias_p_value", "length_adjusted_model_a_win_rate",
                "errors_by_kind");
        assertThat(metrics.get("errors_by_kind").isObject()).isTrue();
        assertThat(metrics.get("example_count").isInt()).isTrue();
        assertThat(metrics.get("decisive_count").isInt()).isTrue();
        assertThat(metrics.get("sign_test_p_value").isNull()).isTrue();
        assertThat(metrics.get("example_count").intValue()).isEqualTo(3);
        assertThat(metrics.get("error_count").intValue()).isEqualTo(1);
        assertThat(metrics.get("autosxs_model_a_win_rate").doubleValue()).isEqualTo(0.5);
        assertThat(metrics.get("autosxs_model_b_win_rate").doubleValue()).isEqualTo(0.25);
        assertThat(metrics.get("tie_rate").doubleValue()).isEqualTo(0.25);
        assertThat(metrics.get("autosxs_model_a_win_rate_ci_low").doubleValue()).isEqualTo(0.15);
        assertThat(metrics.get("autosxs_model_a_win_rate_ci_high").doubleValue()).isEqualTo(0.85);
        assertThat(metrics.get("position_consistency").isNull()).isTrue();
    }

    @Test
    @DisplayName("holds every figure of PairwiseMetrics.asMap(), with the same values, when humans are compared")
    void humanFigures() throws IOException {
        PairwiseMetrics withHuman = new PairwiseMetrics(3, 1, 0.5, 0.25, 0.25, 0.15, 0.85, 0.5, Results.ALIGNMENT);

        JsonNode metrics = write(withHuman);

        Map<String, Object> expected = withHuman.asMap();
        assertThat(fieldNames(metrics)).containsSequence(expected.keySet()).endsWith("errors_by_kind")
                .hasSize(expected.size() + 1);
        expected.forEach((name, value) -> {
            JsonNode node = metrics.get(name);
            if (value == null) {
                assertThat(node.isNull()).as(name).isTrue();
            } else if (value instanceof Integer count) {
                assertThat(node.isInt()).as(name).isTrue();
                assertThat(node.intValue()).as(name).isEqualTo(count);
            } else {
                assertThat(node.doubleValue()).as(name).isEqualTo((Double) value);
            }
        });
        assertThat(metrics.get("true_positive_count").intValue()).isEqualTo(1);
        assertThat(metrics.get("three_class_cohens_kappa").isNull()).isTrue();
        assertThat(fieldNames(metrics)).endsWith("length_adjusted_model_a_win_rate", "cohens_kappa_ci_low",
                "cohens_kappa_ci_high", "three_class_cohens_kappa_ci_low", "three_class_cohens_kappa_ci_high",
                "errors_by_kind");
        assertThat(fieldNames(metrics).indexOf("alignment_example_count"))
                .isEqualTo(fieldNames(metrics).indexOf("position_consistency") + 1);
    }

    @Test
    @DisplayName("is pretty-printed with \\n line ends")
    void pretty() throws IOException {
        write(Results.METRICS);

        String text = Files.readString(directory.resolve("metrics.json"), StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\n  \"example_count\": 3,\n  \"error_count\": 1,\n")
                .contains("\n  \"position_consistency\": null,\n")
                .contains("\n  \"length_adjusted_model_a_win_rate\": null,\n  \"errors_by_kind\": ")
                .endsWith("}\n")
                .doesNotContain("\r");
    }

    @Test
    @DisplayName("counts the Error rows by kind, the commonest first, whatever bodies their reasons quote")
    void errorsByKind() throws IOException {
        List<Judgment> judgments = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            judgments.add(Judgment.error(Map.of("id", i), "q", null, "a", "b", "model A [candidate] failed: model"
                    + " [candidate]: unreadable reply after 3 attempts: HTTP 200, not JSON: {\"cho" + i, List.of(), null));
        }
        judgments.add(Judgment.error(Map.of("id", 9), "q", null, "a", "b", "model A [candidate] failed: model"
                + " [candidate]: HTTP 503 after 3 attempts: overloaded", List.of(), null));

        MetricsFile.write(Results.METRICS, MetricsFile.errorsByKind(judgments), directory);

        JsonNode byKind = JSON.readTree(directory.resolve("metrics.json").toFile()).get("errors_by_kind");
        assertThat(fieldNames(byKind)).containsExactly("unreadable reply", "HTTP 503");
        assertThat(byKind.get("unreadable reply").intValue()).isEqualTo(3);
        assertThat(byKind.get("HTTP 503").intValue()).isEqualTo(1);
    }

    @Test
    @DisplayName("is the same text as MetricsFile.text, which the command line prints")
    void sameAsCommandLine() throws IOException {
        write(Results.METRICS);

        assertThat(Files.readString(directory.resolve("metrics.json"), StandardCharsets.UTF_8))
                .isEqualTo(MetricsFile.text(Results.METRICS, Map.of()) + "\n");
    }
}
