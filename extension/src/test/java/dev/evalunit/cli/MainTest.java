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
    private static final String RANK_USAGE_LINE =
            "       evalunit rank --judgments FILE... [--baseline NAME] [--bootstrap-rounds R] [--seed S]";
    private static final String MERGE_USAGE_LINE = "       evalunit merge --output DIR [--gate METRIC>=VALUE]... SHARD_DIR...";
    private static final String RUN_USAGE_LINE =
            "       evalunit run FILE... [--output DIR] [--gate METRIC>=VALUE]... [-DKEY=VALUE]...";

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
                "length_bias_longer_win_rate", "length_bias_p_value", "length_adjusted_model_a_win_rate",
                "errors_by_kind");
            assertThat(metrics.get("errors_by_kind").size()).isEqualTo(1);
            assertThat(metrics.get("errors_by_kind").elements().next().intValue()).isEqualTo(1);
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

    /** A judgments line naming its models, with one autorater sample per vote (A, B or TIE). */
    private static String namedLine(int id, String modelA, String modelB, String... votes) {
        StringBuilder samples = new StringBuilder();
        for (String vote : votes) {
            samples.append(samples.length() == 0 ? "" : ",")
                    .append("{\"position\":\"AB\",\"choice\":\"").append(vote).append("\",\"explanation\":\"\"}");
        }
        return "{\"id\":" + id + ",\"choice\":\"Tie\",\"confidence\":1.0,\"explanation\":\"\",\"samples\":[" + samples
                + "],\"model_a\":\"" + modelA + "\",\"model_b\":\"" + modelB + "\"}";
    }

    private Path file(String name, String... lines) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Nested
    @DisplayName("rank")
    class Rank {

        private Path bigVsRef;
        private Path smallVsRef;

        @BeforeEach
        void writeFiles() throws IOException {
            // big beats ref 3 to 1 (a tie, an error); ref beats small 2 to 1.
            bigVsRef = file("big.jsonl", namedLine(1, "big", "ref", "A", "A"), namedLine(2, "big", "ref", "A", "B"),
                    namedLine(3, "big", "ref", "TIE", "ERROR"));
            smallVsRef = file("small.jsonl", namedLine(1, "ref", "small", "A", "B"), namedLine(2, "ref", "small", "A"));
        }

        private JsonNode printed() throws IOException {
            return JSON.readTree(out());
        }

        @Test
        @DisplayName("prints the baseline and the models by score, with intervals and battles, and exits 0")
        void ranking() throws IOException {
            assertThat(run("rank", "--judgments", bigVsRef.toString(), smallVsRef.toString(), "--baseline", "ref"))
                    .as(err()).isZero();

            JsonNode ranking = printed();
            assertThat(err()).isEmpty();
            assertThat(fieldNames(ranking)).containsExactly("baseline", "ranking");
            assertThat(ranking.get("baseline").asText()).isEqualTo("ref");
            JsonNode rows = ranking.get("ranking");
            assertThat(rows).extracting(row -> row.get("model").asText()).containsExactly("big", "ref", "small");
            assertThat(fieldNames(rows.get(0))).containsExactly("model", "score", "ci_low", "ci_high", "battles");
            // Two models at a time: the share of the battles, wins + ties / 2.
            assertThat(rows.get(0).get("score").doubleValue()).isCloseTo(3.5 / 5, Offset.offset(1e-6));
            assertThat(rows.get(1).get("score").doubleValue()).isEqualTo(0.5);
            assertThat(rows.get(2).get("score").doubleValue()).isCloseTo(1.0 / 3, Offset.offset(1e-6));
            assertThat(rows).extracting(row -> row.get("battles").intValue()).containsExactly(5, 8, 3);
            assertThat(rows.get(0).get("ci_low").doubleValue()).isLessThan(0.7);
            assertThat(rows.get(0).get("ci_high").doubleValue()).isGreaterThan(0.7);
        }

        @Test
        @DisplayName("takes the model in most battles as baseline, and repeated --judgments options")
        void defaults() throws IOException {
            assertThat(run("rank", "--judgments", smallVsRef.toString(), "--judgments", bigVsRef.toString())).isZero();

            assertThat(printed().get("baseline").asText()).isEqualTo("ref");
        }

        @Test
        @DisplayName("gives the same intervals for one seed, others for another seed or number of rounds")
        void seeded() {
            String[] args = {"rank", "--judgments", bigVsRef.toString(), smallVsRef.toString()};
            run(args);
            String first = out();
            out.reset();
            run(args);
            String again = out();
            out.reset();
            run("rank", "--judgments", bigVsRef.toString(), smallVsRef.toString(), "--seed", "0",
                    "--bootstrap-rounds", "100");
            String explicitDefaults = out();
            out.reset();
            run("rank", "--judgments", bigVsRef.toString(), smallVsRef.toString(), "--seed", "42");
            String otherSeed = out();

            assertThat(again).isEqualTo(first).isEqualTo(explicitDefaults);
            assertThat(otherSeed).isNotEqualTo(first);
        }

        @Test
        @DisplayName("fails with exit 1 naming the file and example when a line does not name its models")
        void unnamed() {
            assertThat(run("rank", "--judgments", bigVsRef.toString(), judgments.toString())).isEqualTo(1);

            assertThat(out()).isEmpty();
            assertThat(err()).isEqualTo("Configuration error: judgments file [" + judgments + "] example [id=q1, human=A]"
                    + " does not name its models: field [model_a] is missing. Rank files written by an evalunit that"
                    + " records model_a and model_b, or add both fields to every line." + System.lineSeparator());
        }

        @Test
        @DisplayName("fails with exit 1 naming the files and the models when the baseline is in no battle")
        void unknownBaseline() {
            assertThat(run("rank", "--judgments", bigVsRef.toString(), smallVsRef.toString(), "--baseline", "gpt"))
                    .isEqualTo(1);

            assertThat(err()).isEqualTo("Configuration error: baseline [gpt] is in no battle of judgments files ["
                    + bigVsRef + ", " + smallVsRef + "]. Models: big, ref, small. Give one of them."
                    + System.lineSeparator());
        }

        @Test
        @DisplayName("fails with exit 1 naming the models and their file when they share no battle with the baseline")
        void notConnected() throws IOException {
            Path island = file("island.jsonl", namedLine(1, "x", "y", "A", "B"));

            assertThat(run("rank", "--judgments", bigVsRef.toString(), island.toString(), "--baseline", "ref"))
                    .isEqualTo(1);

            assertThat(err()).isEqualTo("Configuration error: models [x, y] of judgments files [" + island + "] are"
                    + " not connected to baseline [ref] by any battle. Add an evaluation that compares them with a"
                    + " ranked model, or rank them separately." + System.lineSeparator());
        }

        @Test
        @DisplayName("fails with exit 1 when every judgment is an Error")
        void noVerdicts() throws IOException {
            Path errors = file("errors.jsonl", namedLine(1, "a", "b", "ERROR"));

            assertThat(run("rank", "--judgments", errors.toString())).isEqualTo(1);

            assertThat(err()).isEqualTo("Configuration error: judgments files [" + errors + "] hold no verdict to"
                    + " rank: every judgment is an Error. Rank files with judged examples." + System.lineSeparator());
        }

        @Test
        @DisplayName("fails with exit 1 on a missing file, naming it")
        void missingFile() {
            Path missing = directory.resolve("missing.jsonl");

            assertThat(run("rank", "--judgments", bigVsRef.toString(), missing.toString())).isEqualTo(1);

            assertThat(err()).isEqualTo("Configuration error: judgments file [" + missing + "] was not found."
                    + System.lineSeparator());
        }

        @Test
        @DisplayName("fails with exit 2 on a usage mistake")
        void usage() {
            assertThat(run("rank")).isEqualTo(2);
            assertThat(err()).startsWith("evalunit: missing option [--judgments]. " + USAGE_LINE);
            err.reset();
            assertThat(run("rank", "--judgments", bigVsRef.toString(), "--bootstrap-rounds", "0")).isEqualTo(2);
            assertThat(err()).startsWith("evalunit: option [--bootstrap-rounds] needs a whole number of 1 or more,"
                    + " not [0]. " + USAGE_LINE);
            err.reset();
            assertThat(run("rank", "--judgments", bigVsRef.toString(), "--seed", "x")).isEqualTo(2);
            assertThat(err()).startsWith("evalunit: option [--seed] needs a whole number, not [x]. " + USAGE_LINE);
            err.reset();
            assertThat(run("rank", "--judgments", bigVsRef.toString(), "--human-preference-column", "h")).isEqualTo(2);
            assertThat(err()).startsWith("evalunit: unknown option [--human-preference-column]. " + USAGE_LINE);
            err.reset();
            assertThat(run("rank", "--baseline", "--judgments", bigVsRef.toString())).isEqualTo(2);
            assertThat(err()).startsWith("evalunit: option [--baseline] needs a value. " + USAGE_LINE);
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
            assertThat(out().lines().skip(1).toList()).hasSize(16)
                    .startsWith(RANK_USAGE_LINE, MERGE_USAGE_LINE, RUN_USAGE_LINE)
                    .anySatisfy(line -> assertThat(line).startsWith("  --output DIR "))
                    .anySatisfy(line -> assertThat(line).startsWith("  --gate METRIC>=VALUE "))
                    .anySatisfy(line -> assertThat(line).startsWith("  SHARD_DIR "))
                    .anySatisfy(line -> assertThat(line).startsWith("  --judgments FILE "))
                    .anySatisfy(line -> assertThat(line).startsWith("  --human-preference-column NAME "))
                    .anySatisfy(line -> assertThat(line).startsWith("  --baseline NAME "))
                    .anySatisfy(line -> assertThat(line).startsWith("  --bootstrap-rounds R "))
                    .anySatisfy(line -> assertThat(line).startsWith("  --seed S "))
                    .anySatisfy(line -> assertThat(line).startsWith("  FILE... "))
                    .anySatisfy(line -> assertThat(line).startsWith("  --output DIR "))
                    .anySatisfy(line -> assertThat(line).startsWith("  --gate METRIC>=VALUE "))
                    .anySatisfy(line -> assertThat(line).startsWith("  -DKEY=VALUE "))
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
                    + RANK_USAGE_LINE + System.lineSeparator() + MERGE_USAGE_LINE + System.lineSeparator()
                    + RUN_USAGE_LINE + System.lineSeparator() + "  --judgments FILE");
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
