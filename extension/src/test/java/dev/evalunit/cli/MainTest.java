package dev.evalunit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The command line")
class MainTest {

    private static final Offset<Double> EXACT = Offset.offset(1e-12);
    private static final String USAGE_LINE =
            "Usage: evalunit metrics --judgments FILE [--human-preference-column NAME]";

    /**
     * Three valid judgments (A, A, B) and one error. Humans say A, B, B, A: one true positive, one
     * false positive, one true negative. Only the first two lines have samples in both positions,
     * and only the first agrees with itself.
     */
    private static final List<String> JUDGMENTS = List.of(
            "{\"id\":\"q1\",\"choice\":\"Model A\",\"confidence\":1.0,\"explanation\":\"\",\"samples\":["
                    + "{\"position\":\"AB\",\"choice\":\"A\",\"explanation\":\"\"},"
                    + "{\"position\":\"BA\",\"choice\":\"A\",\"explanation\":\"\"}],\"human\":\"A\"}",
            "{\"id\":\"q2\",\"choice\":\"Model A\",\"confidence\":0.5,\"explanation\":\"\",\"samples\":["
                    + "{\"position\":\"AB\",\"choice\":\"A\",\"explanation\":\"\"},"
                    + "{\"position\":\"BA\",\"choice\":\"B\",\"explanation\":\"\"}],\"human\":\"B\"}",
            "{\"id\":\"q3\",\"choice\":\"Model B\",\"confidence\":1.0,\"explanation\":\"\",\"samples\":["
                    + "{\"position\":\"AB\",\"choice\":\"B\",\"explanation\":\"\"}],\"human\":\"Model B\"}",
            "{\"id\":\"q4\",\"choice\":\"Error\",\"confidence\":null,\"explanation\":\"timed out\",\"samples\":[],"
                    + "\"human\":\"A\"}");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private Path judgments;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeJudgments() throws IOException {
        judgments = directory.resolve("judgments.jsonl");
        Files.writeString(judgments, String.join("\n", JUDGMENTS) + "\n", StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private JsonNode printedMetrics() throws IOException {
        return JSON.readTree(out());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    @DisplayName("metrics")
    class Metrics {

        @Test
        @DisplayName("prints the autorater's figures of a judgments file and exits 0")
        void autoraterFigures() throws IOException {
            assertThat(run("metrics", "--judgments", judgments.toString())).isZero();

            JsonNode metrics = printedMetrics();
            assertThat(err()).isEmpty();
            assertThat(fieldNames(metrics)).containsExactly("example_count", "error_count",
                    "autosxs_model_a_win_rate", "autosxs_model_b_win_rate", "tie_rate",
                    "autosxs_model_a_win_rate_ci_low", "autosxs_model_a_win_rate_ci_high", "position_consistency",
                    "autosxs_model_b_win_rate_ci_low", "autosxs_model_b_win_rate_ci_high", "tie_rate_ci_low",
                "tie_rate_ci_high", "decisive_count", "decisive_model_a_win_count", "sign_test_p_value",
                "minimum_detectable_difference", "position_bias_sample_count",
                "position_bias_first_position_win_rate", "position_bias_p_value", "length_bias_example_count",
                "length_bias_longer_win_rate", "length_bias_p_value", "length_adjusted_model_a_win_rate");
            assertThat(metrics.get("example_count").intValue()).isEqualTo(4);
            assertThat(metrics.get("error_count").intValue()).isEqualTo(1);
            assertThat(metrics.get("autosxs_model_a_win_rate").doubleValue()).isCloseTo(2.0 / 3, EXACT);
            assertThat(metrics.get("autosxs_model_b_win_rate").doubleValue()).isCloseTo(1.0 / 3, EXACT);
            assertThat(metrics.get("tie_rate").doubleValue()).isZero();
            assertThat(metrics.get("autosxs_model_a_win_rate_ci_low").doubleValue()).isLessThan(2.0 / 3);
            assertThat(metrics.get("autosxs_model_a_win_rate_ci_high").doubleValue()).isGreaterThan(2.0 / 3);
            assertThat(metrics.get("position_consistency").doubleValue()).isEqualTo(0.5);
        }

        @Test
        @DisplayName("prints the agreement with humans too, given the human preference column")
        void humanFigures() throws IOException {
            assertThat(run("metrics", "--judgments", judgments.toString(), "--human-preference-column", "human"))
                    .isZero();

            JsonNode metrics = printedMetrics();
            assertThat(metrics.get("example_count").intValue()).isEqualTo(4);
            assertThat(metrics.get("alignment_example_count").intValue()).isEqualTo(3);
            // Over the three examples where both chose A or B: the human chose A once (the TP).
            assertThat(metrics.get("human_preference_model_a_win_rate").doubleValue()).isCloseTo(1.0 / 3, EXACT);
            assertThat(metrics.get("true_positive_count").intValue()).isEqualTo(1);
            assertThat(metrics.get("false_positive_count").intValue()).isEqualTo(1);
            assertThat(metrics.get("true_negative_count").intValue()).isEqualTo(1);
            assertThat(metrics.get("false_negative_count").intValue()).isZero();
            assertThat(metrics.get("accuracy").doubleValue()).isCloseTo(2.0 / 3, EXACT);
            assertThat(metrics.get("precision").doubleValue()).isEqualTo(0.5);
            assertThat(metrics.get("recall").doubleValue()).isEqualTo(1.0);
            assertThat(metrics.get("f1").doubleValue()).isCloseTo(2.0 / 3, EXACT);
            assertThat(metrics.has("three_class_accuracy")).isTrue();
        }

        @Test
        @DisplayName("prints pretty JSON, one key per line")
        void pretty() {
            run("metrics", "--judgments", judgments.toString());

            assertThat(out()).startsWith("{\n  \"example_count\": 4,\n  \"error_count\": 1,\n");
        }

        @Test
        @DisplayName("takes the options in any order")
        void optionOrder() throws IOException {
            assertThat(run("metrics", "--human-preference-column", "human", "--judgments", judgments.toString()))
                    .isZero();
            assertThat(printedMetrics().get("alignment_example_count").intValue()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("fails with exit code 1 and the message alone")
    class ConfigurationErrors {

        @Test
        @DisplayName("when the judgments file does not exist")
        void missingFile() {
            Path missing = directory.resolve("missing.jsonl");

            assertThat(run("metrics", "--judgments", missing.toString())).isEqualTo(1);

            assertThat(out()).isEmpty();
            assertThat(err()).isEqualTo("Configuration error: judgments file [" + missing + "] was not found."
                    + System.lineSeparator());
        }

        @Test
        @DisplayName("when the human preference column is in no line")
        void unknownHumanColumn() {
            assertThat(run("metrics", "--judgments", judgments.toString(), "--human-preference-column", "pref"))
                    .isEqualTo(1);

            assertThat(out()).isEmpty();
            assertThat(err()).isEqualTo("Configuration error: human preference column [pref] is in no line of"
                    + " judgments file [" + judgments + "]. Columns: id, choice, confidence, explanation, samples,"
                    + " human." + System.lineSeparator());
        }
    }

    @Nested
    @DisplayName("usage")
    class Usage {

        @Test
        @DisplayName("--help prints the usage with one line per option and exits 0")
        void help() {
            assertThat(run("--help")).isZero();

            assertThat(out().lines()).first().isEqualTo(USAGE_LINE);
            assertThat(out().lines().skip(1)).hasSize(3)
                    .anySatisfy(line -> assertThat(line).startsWith("  --judgments FILE "))
                    .anySatisfy(line -> assertThat(line).startsWith("  --human-preference-column NAME "))
                    .anySatisfy(line -> assertThat(line).startsWith("  --help "));
            assertThat(err()).isEmpty();
        }

        @Test
        @DisplayName("metrics --help prints the usage too")
        void commandHelp() {
            assertThat(run("metrics", "--help")).isZero();
            assertThat(out()).startsWith(USAGE_LINE);
        }

        @Test
        @DisplayName("no arguments print the usage and exit 2")
        void noArguments() {
            assertThat(run()).isEqualTo(2);
            assertThat(out()).startsWith(USAGE_LINE);
        }

        @Test
        @DisplayName("an unknown option is named on the error stream, before the usage, with exit 2")
        void unknownOption() {
            assertThat(run("metrics", "--judgments", judgments.toString(), "--x")).isEqualTo(2);

            assertThat(out()).isEmpty();
            assertThat(err()).startsWith("evalunit: unknown option [--x]. " + USAGE_LINE + System.lineSeparator()
                    + "  --judgments FILE");
        }

        @Test
        @DisplayName("an option in place of the command is an unknown option")
        void optionInsteadOfCommand() {
            assertThat(run("--x")).isEqualTo(2);
            assertThat(err()).startsWith("evalunit: unknown option [--x]. " + USAGE_LINE);
        }

        @Test
        @DisplayName("an unknown command is named, with exit 2")
        void unknownCommand() {
            assertThat(run("judge", "--judgments", judgments.toString())).isEqualTo(2);
            assertThat(err()).startsWith("evalunit: unknown command [judge]. " + USAGE_LINE);
        }

        @Test
        @DisplayName("the judgments file is required")
        void missingJudgments() {
            assertThat(run("metrics")).isEqualTo(2);
            assertThat(err()).startsWith("evalunit: missing option [--judgments]. " + USAGE_LINE);
        }

        @Test
        @DisplayName("an option without its value is named, with exit 2")
        void missingValue() {
            assertThat(run("metrics", "--judgments")).isEqualTo(2);
            assertThat(err()).startsWith("evalunit: option [--judgments] needs a value. " + USAGE_LINE);

            err.reset();
            assertThat(run("metrics", "--human-preference-column", "--judgments", judgments.toString()))
                    .isEqualTo(2);
            assertThat(err()).startsWith("evalunit: option [--human-preference-column] needs a value. " + USAGE_LINE);
        }
    }
}
