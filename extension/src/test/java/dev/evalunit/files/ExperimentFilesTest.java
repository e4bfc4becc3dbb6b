package dev.evalunit.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.api.experiment.RepeatStatistics;
import dev.evalunit.api.experiment.RowResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Writing an experiment set's files")
class ExperimentFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METRICS = List.of("judge_precision", "output_length");

    @TempDir
    Path directory;

    /** What the engine writes for one experiment: its observations, then its summary. */
    private List<Path> writeExperiment(ExperimentResult result) throws IOException {
        return List.of(ObservationsFile.write(result, directory), ExperimentSummaryFile.write(result, directory));
    }

    /** An ordered map; values may be null, which Map.of does not allow. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> configuration(String model) {
        return map("dataset", "datasets/qa.jsonl",
                "model", map("name", model, "sampling_params", map("temperature", 0.2, "stop", List.of("\n\n"))),
                "metrics", METRICS, "judge_model", "judge");
    }

    private static ExperimentResult experiment(List<RowResult> rows, Map<String, MetricSummary> summaries) {
        return new ExperimentResult("model_comparison_v1", "model_comparison_v1__1", 1, "c0ffee", 1, 3,
                configuration("m1"), METRICS, rows, summaries, Path.of("unused"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    @DisplayName("writes observations.jsonl")
    class Observations {

        private List<JsonNode> write(RowResult... rows) throws IOException {
            List<Path> written = writeExperiment(experiment(List.of(rows), Map.of()));
            assertThat(written).containsExactly(directory.resolve("observations.jsonl"),
                    directory.resolve("summary.json"));
            String text = Files.readString(directory.resolve("observations.jsonl"), StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n").doesNotContain("\r");
            List<JsonNode> lines = new ArrayList<>();
            for (String line : text.split("\n")) {
                lines.add(JSON.readTree(line));
            }
            return lines;
        }

        @Test
        @DisplayName("one line per row, in row order, with the row id as its JSON type and the fields in a fixed order")
        void oneLinePerRow() throws IOException {
            Map<String, MetricObservation> scores = new LinkedHashMap<>();
            scores.put("judge_precision", MetricObservation.judged(1.0, "Score: 1"));
            scores.put("output_length", MetricObservation.of(12));

            List<JsonNode> lines = write(
                    new RowResult(7, new Generation("Paris.", 1.25, 31, 4, null), scores),
                    new RowResult("q-2", new Generation("Lyon.", 0.5, 30, 3, null), scores));

            assertThat(lines).hasSize(2);
            JsonNode first = lines.get(0);
            assertThat(fieldNames(first)).containsExactly("row_id", "output", "generation_seconds", "prompt_tokens",
                    "completion_tokens", "generation_error", "metrics");
            assertThat(first.get("row_id").isInt()).isTrue();
            assertThat(first.get("row_id").intValue()).isEqualTo(7);
            assertThat(first.get("output").textValue()).isEqualTo("Paris.");
            assertThat(first.get("generation_seconds").doubleValue()).isEqualTo(1.25);
            assertThat(first.get("prompt_tokens").intValue()).isEqualTo(31);
            assertThat(first.get("completion_tokens").intValue()).isEqualTo(4);
            assertThat(first.get("generation_error").isNull()).isTrue();
            JsonNode precision = first.get("metrics").get("judge_precision");
            assertThat(fieldNames(precision)).containsExactly("score", "judge_text", "error");
            assertThat(precision.get("score").doubleValue()).isEqualTo(1.0);
            assertThat(precision.get("judge_text").textValue()).isEqualTo("Score: 1");
            assertThat(precision.get("error").isNull()).isTrue();
            assertThat(first.get("metrics").get("output_length").get("judge_text").isNull()).isTrue();
            assertThat(lines.get(1).get("row_id").textValue()).isEqualTo("q-2");
        }

        @Test
        @DisplayName("metrics in the experiment's metric order, a missing observation as null and a failed one with its error")
        void metrics() throws IOException {
            Map<String, MetricObservation> scores = new LinkedHashMap<>();
            scores.put("output_length", MetricObservation.of(0));
            scores.put("extra", MetricObservation.of(3));

            JsonNode line = write(new RowResult(1, Generation.failed("HTTP 500 from m1"), scores)).get(0);

            assertThat(fieldNames(line.get("metrics"))).containsExactly("judge_precision", "output_length");
            assertThat(line.get("metrics").get("judge_precision").isNull()).isTrue();
            assertThat(line.get("output").isNull()).isTrue();
            assertThat(line.get("generation_seconds").isNull()).isTrue();
            assertThat(line.get("prompt_tokens").isNull()).isTrue();
            assertThat(line.get("generation_error").textValue()).isEqualTo("HTTP 500 from m1");
        }

        @Test
        @DisplayName("a failed metric: score null, the judge's raw text and the reason")
        void failedMetric() throws IOException {
            Map<String, MetricObservation> scores = new LinkedHashMap<>();
            scores.put("judge_precision", MetricObservation.failed("no score in the judge's reply", "I think so"));
            scores.put("output_length", MetricObservation.of(4));

            JsonNode precision = write(new RowResult(1, Generation.preGenerated("yes"), scores)).get(0)
                    .get("metrics").get("judge_precision");

            assertThat(precision.get("score").isNull()).isTrue();
            assertThat(precision.get("judge_text").textValue()).isEqualTo("I think so");
            assertThat(precision.get("error").textValue()).isEqualTo("no score in the judge's reply");
        }

        @Test
        @DisplayName("an empty file for an experiment without rows")
        void noRows() throws IOException {
            writeExperiment(experiment(List.of(), Map.of()));

            assertThat(Files.readString(directory.resolve("observations.jsonl"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("writes summary.json")
    class Summary {

        @Test
        @DisplayName("with the experiment's identity, its configuration as nested JSON and each metric's figures")
        void fields() throws IOException {
            Map<String, MetricSummary> summaries = new LinkedHashMap<>();
            summaries.put("output_length", new MetricSummary("output_length", 12.5, 2, 0));
            summaries.put("judge_precision", new MetricSummary("judge_precision", null, 0, 2));

            writeExperiment(experiment(List.of(), summaries));
            String text = Files.readString(directory.resolve("summary.json"), StandardCharsets.UTF_8);
            JsonNode summary = JSON.readTree(text);

            assertThat(text).startsWith("{\n  \"name\": \"model_comparison_v1__1\",\n").endsWith("}\n");
            assertThat(fieldNames(summary)).containsExactly("name", "set", "index", "configuration_id",
                    "repeat_index", "repeat_count", "configuration", "metrics");
            assertThat(summary.get("set").textValue()).isEqualTo("model_comparison_v1");
            assertThat(summary.get("index").isInt()).isTrue();
            assertThat(summary.get("index").intValue()).isEqualTo(1);
            assertThat(summary.get("configuration_id").textValue()).isEqualTo("c0ffee");
            assertThat(summary.get("repeat_index").intValue()).isEqualTo(1);
            assertThat(summary.get("repeat_count").intValue()).isEqualTo(3);
            assertThat(JSON.convertValue(summary.get("configuration"), Map.class)).isEqualTo(configuration("m1"));
            assertThat(fieldNames(summary.get("configuration").get("model")))
                    .containsExactly("name", "sampling_params");

            JsonNode metrics = summary.get("metrics");
            assertThat(fieldNames(metrics)).containsExactly("judge_precision", "output_length");
            JsonNode length = metrics.get("output_length");
            assertThat(fieldNames(length)).containsExactly("mean", "support", "failures", "failure_rate");
            assertThat(length.get("mean").doubleValue()).isEqualTo(12.5);
            assertThat(length.get("support").intValue()).isEqualTo(2);
            assertThat(length.get("failures").intValue()).isEqualTo(0);
            assertThat(length.get("failure_rate").doubleValue()).isEqualTo(0.0);
            JsonNode precision = metrics.get("judge_precision");
            assertThat(precision.get("mean").isNull()).isTrue();
            assertThat(precision.get("failure_rate").doubleValue()).isEqualTo(1.0);
        }

        @Test
        @DisplayName("with null for a metric that has no summary")
        void missingSummary() throws IOException {
            writeExperiment(experiment(List.of(), Map.of()));

            JsonNode metrics = JSON.readTree(directory.resolve("summary.json").toFile()).get("metrics");

            assertThat(fieldNames(metrics)).containsExactly("judge_precision", "output_length");
            assertThat(metrics.get("judge_precision").isNull()).isTrue();
        }
    }

    @Nested
    @DisplayName("writes set-summary.json")
    class SetSummary {

        private JsonNode write() throws IOException {
            ExperimentResult first = new ExperimentResult("model_comparison_v1", "model_comparison_v1__0", 0, "aaa", 0,
                    1, configuration("m1"), METRICS, List.of(), Map.of(), Path.of("unused"));
            ExperimentResult second = new ExperimentResult("model_comparison_v1", "model_comparison_v1__1", 1, "bbb",
                    0, 1, configuration("m2"), METRICS, List.of(), Map.of(), Path.of("unused"));
            Map<String, RepeatStatistics> statistics = new LinkedHashMap<>();
            statistics.put("judge_precision",
                    new RepeatStatistics("judge_precision", 2, 0.6, 0.1, 0.3, 0.9, 0.05, 0.25));
            statistics.put("output_length",
                    new RepeatStatistics("output_length", 1, 12.0, null, null, null, null, 0.0));
            ConfigurationResult a = new ConfigurationResult("aaa", "model.name=m1", configuration("m1"),
                    List.of("model_comparison_v1__0"), statistics);
            ConfigurationResult b = new ConfigurationResult("bbb", "model.name=m2", configuration("m2"),
                    List.of("model_comparison_v1__1"), Map.of());
            Map<String, MetricRanking> rankings = new LinkedHashMap<>();
            rankings.put("judge_precision", new MetricRanking("judge_precision", true, List.of("aaa", "bbb"), 0.0625));
            rankings.put("output_length", new MetricRanking("output_length", false, List.of("aaa"), null));
            ExperimentSetResult set = new ExperimentSetResult("model_comparison_v1", "why this set exists",
                    List.of(first, second), List.of(a, b), rankings, directory);

            List<Path> written = List.of(SetSummaryFile.write(set, directory));

            assertThat(written).containsExactly(directory.resolve("set-summary.json"));
            String text = Files.readString(written.get(0), StandardCharsets.UTF_8);
            assertThat(text).startsWith("{\n  \"name\": \"model_comparison_v1\",\n").endsWith("}\n")
                    .doesNotContain("\r");
            return JSON.readTree(text);
        }

        @Test
        @DisplayName("with the set's name, readme and experiments in order")
        void experiments() throws IOException {
            JsonNode set = write();

            assertThat(fieldNames(set)).containsExactly("name", "readme", "experiments", "configurations", "rankings");
            assertThat(set.get("readme").textValue()).isEqualTo("why this set exists");
            JsonNode experiments = set.get("experiments");
            assertThat(experiments).hasSize(2);
            assertThat(fieldNames(experiments.get(0))).containsExactly("name", "configuration_id", "repeat_index");
            assertThat(experiments.get(1).get("name").textValue()).isEqualTo("model_comparison_v1__1");
            assertThat(experiments.get(1).get("configuration_id").textValue()).isEqualTo("bbb");
            assertThat(experiments.get(1).get("repeat_index").intValue()).isEqualTo(0);
        }

        @Test
        @DisplayName("with each configuration's label, model, configuration, experiments and statistics, null where undefined")
        void configurations() throws IOException {
            JsonNode configurations = write().get("configurations");

            assertThat(configurations).hasSize(2);
            JsonNode a = configurations.get(0);
            assertThat(fieldNames(a)).containsExactly("configuration_id", "label", "model", "configuration",
                    "experiments", "statistics");
            assertThat(a.get("configuration_id").textValue()).isEqualTo("aaa");
            assertThat(a.get("label").textValue()).isEqualTo("model.name=m1");
            assertThat(a.get("model").textValue()).isEqualTo("m1");
            assertThat(JSON.convertValue(a.get("configuration"), Map.class)).isEqualTo(configuration("m1"));
            assertThat(a.get("experiments").get(0).textValue()).isEqualTo("model_comparison_v1__0");
            assertThat(fieldNames(a.get("statistics"))).containsExactly("judge_precision", "output_length");
            JsonNode precision = a.get("statistics").get("judge_precision");
            assertThat(fieldNames(precision)).containsExactly("runs", "mean", "standard_deviation", "ci_low",
                    "ci_high", "row_spread", "failure_rate");
            assertThat(precision.get("runs").intValue()).isEqualTo(2);
            assertThat(precision.get("mean").doubleValue()).isEqualTo(0.6);
            assertThat(precision.get("standard_deviation").doubleValue()).isEqualTo(0.1);
            assertThat(precision.get("ci_low").doubleValue()).isEqualTo(0.3);
            assertThat(precision.get("ci_high").doubleValue()).isEqualTo(0.9);
            assertThat(precision.get("row_spread").doubleValue()).isEqualTo(0.05);
            assertThat(precision.get("failure_rate").doubleValue()).isEqualTo(0.25);
            JsonNode length = a.get("statistics").get("output_length");
            assertThat(length.get("standard_deviation").isNull()).isTrue();
            assertThat(length.get("ci_low").isNull()).isTrue();
            assertThat(length.get("ci_high").isNull()).isTrue();
            assertThat(length.get("row_spread").isNull()).isTrue();
            assertThat(configurations.get(1).get("model").textValue()).isEqualTo("m2");
            assertThat(configurations.get(1).get("statistics").isEmpty()).isTrue();
        }

        @Test
        @DisplayName("with a ranking per metric: direction, configuration ids best first and the p-value or null")
        void rankings() throws IOException {
            JsonNode rankings = write().get("rankings");

            assertThat(fieldNames(rankings)).containsExactly("judge_precision", "output_length");
            JsonNode precision = rankings.get("judge_precision");
            assertThat(fieldNames(precision)).containsExactly("higher_is_better", "configuration_ids", "p_value");
            assertThat(precision.get("higher_is_better").booleanValue()).isTrue();
            assertThat(precision.get("configuration_ids").get(0).textValue()).isEqualTo("aaa");
            assertThat(precision.get("configuration_ids").get(1).textValue()).isEqualTo("bbb");
            assertThat(precision.get("p_value").doubleValue()).isEqualTo(0.0625);
            JsonNode length = rankings.get("output_length");
            assertThat(length.get("higher_is_better").booleanValue()).isFalse();
            assertThat(length.get("configuration_ids")).hasSize(1);
            assertThat(length.get("p_value").isNull()).isTrue();
        }
    }
}
