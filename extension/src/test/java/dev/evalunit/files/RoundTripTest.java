package dev.evalunit.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.api.experiment.RepeatStatistics;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.api.usage.Usage;
import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.JudgeBias;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.SignTest;
import dev.evalunit.api.pairwise.Vote;
import dev.evalunit.config.ConfigurationException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
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

/**
 * Every contract file: write, read back, compare the records, then write what was read and compare
 * the bytes. The values are the awkward ones: nulls, non-ASCII and escaped text, error rows, and
 * numbers whose written form must survive (2/3, 1e20, 0.1 + 0.2, a decimal 0.20, big integers).
 */
@DisplayName("The file codec, round trip (write -> read -> equal, rewrite -> same bytes)")
class RoundTripTest {

    private static final String TRICKY = "Réponse « élégante » — 日本語 😀, \"quoted\" \\ back\nnext\tline\u0001";

    @TempDir
    Path first;

    @TempDir
    Path second;

    /** An ordered map; values may be null, which Map.of does not allow. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static void assertSameBytes(Path a, Path b) throws IOException {
        assertThat(Files.readAllBytes(b)).as(b.toString()).isEqualTo(Files.readAllBytes(a));
    }

    @Nested
    @DisplayName("judgments.jsonl")
    class Judgments {

        private final List<Judgment> judgments = List.of(
                new Judgment(map("set", "faq", "n", 1, "big", 12345678901L, "huge", new BigInteger("123456789012345678901234"),
                        "weight", 0.1 + 0.2, "far", 1e20, "flag", true, "none", null),
                        TRICKY, "Contexte é", "a " + TRICKY, "b", Choice.MODEL_B, 2.0 / 3, TRICKY,
                        List.of(new AutoraterSample(Position.AB, Vote.B, TRICKY),
                                new AutoraterSample(Position.BA, Vote.TIE, null),
                                new AutoraterSample(Position.AB, Vote.ERROR, "unreadable reply")),
                        "Model B"),
                new Judgment(map("set", "faq", "n", 2, "big", -9876543210L, "huge", new BigInteger("-99999999999999999999"), "weight", 1.0, "far", -0.0,
                        "flag", false, "none", "x"), null, null, "a", "b", Choice.TIE, 1.0, "", List.of(), null),
                Judgment.error(map("set", "日本", "n", 3, "big", 5000000000L, "huge", BigInteger.TEN.pow(30), "weight", 0.5, "far", 5e-324,
                        "flag", true, "none", null), "i", "c", "a", null, "side B failed: HTTP 500",
                        List.of(new AutoraterSample(Position.BA, Vote.ERROR, "timeout")), "TIE"));

        private PairwiseResult result(List<Judgment> judgments, Path directory) {
            return result(judgments, directory, null, null);
        }

        private PairwiseResult result(List<Judgment> judgments, Path directory, String modelA, String modelB) {
            return new PairwiseResult("e", "question_answering", List.of("set", "n", "big", "huge", "weight", "far", "flag",
                    "none"), "human", judgments, new PairwiseMetrics(3, 1, 0.0, 0.5, 0.5, null, null, null, null), directory,
                    modelA, modelB);
        }

        @Test
        @DisplayName("names the two sides on every line (model_a, model_b, last), read back exactly")
        void sideNames() throws IOException {
            Path written = JudgmentsFile.write(result(judgments, first, "gemini-pro « β »", "answer_b"), first);

            ReadJudgments read = JudgmentsFile.read(written, "human");

            assertThat(read.judgments()).isEqualTo(judgments);
            assertThat(read.idColumns()).containsExactly("set", "n", "big", "huge", "weight", "far", "flag", "none");
            assertThat(read.sides()).hasSize(3).containsOnly(new SideNames("gemini-pro « β »", "answer_b"));
            assertThat(Files.readAllLines(written)).hasSize(3).allSatisfy(line -> assertThat(line)
                    .endsWith(",\"model_a\":\"gemini-pro « β »\",\"model_b\":\"answer_b\"}"));
            SideNames sides = read.sides().get(0);
            assertSameBytes(written, JudgmentsFile.write(result(read.judgments(), second, sides.modelA(), sides.modelB()),
                    second));
        }

        @Test
        @DisplayName("a file without model_a and model_b reads as lines that name no side")
        void withoutSideNames() throws IOException {
            Path written = JudgmentsFile.write(result(judgments, first), first);

            assertThat(Files.readString(written)).doesNotContain("model_a", "model_b");
            assertThat(JudgmentsFile.read(written, "human").sides()).containsOnly(SideNames.NONE);
        }

        @Test
        @DisplayName("gives back equal judgments and id columns, and the same bytes when written again")
        void roundTrip() throws IOException {
            Path written = JudgmentsFile.write(result(judgments, first), first);

            ReadJudgments read = JudgmentsFile.read(written, "human");

            assertThat(read.judgments()).isEqualTo(judgments);
            assertThat(read.idColumns()).containsExactly("set", "n", "big", "huge", "weight", "far", "flag", "none");
            assertThat(read.judgments().get(0).ids().get("huge")).isInstanceOf(BigInteger.class);
            assertThat(read.judgments().get(0).ids().get("big")).isInstanceOf(Long.class);
            assertSameBytes(written, JudgmentsFile.write(result(read.judgments(), second), second));
            assertThat(Files.readString(written)).contains("\"weight\":0.30000000000000004", "\"far\":1.0E20",
                    "\"confidence\":0.6666666666666666", "\"confidence\":null");
        }

        @Test
        @DisplayName("an evaluation without examples: an empty file, read back as no judgments")
        void empty() throws IOException {
            Path written = JudgmentsFile.write(result(List.of(), first), first);

            assertThat(JudgmentsFile.read(written, null).judgments()).isEmpty();
            assertThat(written).isEmptyFile();
        }
    }

    @Nested
    @DisplayName("metrics.json")
    class Metrics {

        private void roundTrip(PairwiseMetrics metrics) throws IOException {
            Path written = MetricsFile.write(metrics, Map.of(), first);

            PairwiseMetrics read = MetricsFile.read(written);

            assertThat(read).isEqualTo(metrics);
            assertSameBytes(written, MetricsFile.write(read, Map.of(), second));
        }

        @Test
        @DisplayName("without human preferences: autorater figures, a null where a denominator is empty")
        void autoraterOnly() throws IOException {
            roundTrip(new PairwiseMetrics(3, 1, 2.0 / 3, 1.0 / 3, 0.0, 0.20765960932437387, 0.9385133612810536, null, null));
        }

        @Test
        @DisplayName("with human preferences: every agreement figure, nulls included")
        void withHuman() throws IOException {
            roundTrip(new PairwiseMetrics(12, 0, 0.1 + 0.2, 0.5, 0.2, 0.1, 0.6, 1.0,
                    new HumanAlignment(9, 5.0 / 9, 4.0 / 9, 4, 1, 3, 1, 7.0 / 9, 0.8, 0.8, 0.8, 0.55, 0.7107,
                            0.5879, 0.5736, 0.5755, null)));
        }

        @Test
        @DisplayName("with intervals, the sign test and the judge bias: every figure exact, nulls included")
        void withSignificanceAndBias() throws IOException {
            roundTrip(new PairwiseMetrics(12, 1, 6.0 / 11, 4.0 / 11, 1.0 / 11, 0.2801, 0.7867, 0.9,
                    new HumanAlignment(9, 5.0 / 9, 4.0 / 9, 4, 1, 3, 1, 7.0 / 9, 0.8, 0.8, 0.8, 0.55, 0.7107,
                            0.5879, 0.5736, 0.5755, null, 0.1 + 0.2, 0.9999999999999999, null, null),
                    0.15172896768155258, 0.6461926496447698, 0.016248853990471413, 0.37699405108052553,
                    new SignTest(10, 6, 0.75390625, 0.6),
                    new JudgeBias(40, 0.55, 0.6358410248062084, 9, 2.0 / 3, 0.5078125, null)));
        }

        @Test
        @DisplayName("a file of the first release, without the figures added since: read with them null")
        void firstRelease() throws IOException {
            Path old = first.resolve(MetricsFile.NAME);
            Files.writeString(old, """
                    {"example_count": 3, "error_count": 1, "autosxs_model_a_win_rate": 0.5,
                     "autosxs_model_b_win_rate": 0.25, "tie_rate": 0.25, "autosxs_model_a_win_rate_ci_low": 0.15,
                     "autosxs_model_a_win_rate_ci_high": 0.85, "position_consistency": null}
                    """);

            PairwiseMetrics read = MetricsFile.read(old);

            assertThat(read).isEqualTo(new PairwiseMetrics(3, 1, 0.5, 0.25, 0.25, 0.15, 0.85, null, null));
            assertThat(read.modelBWinRateCiLow()).isNull();
            assertThat(read.signTest()).isEqualTo(SignTest.NONE);
            assertThat(read.judgeBias()).isEqualTo(JudgeBias.NONE);
        }

        @Test
        @DisplayName("a new figure of the wrong type is refused with a configuration error naming it")
        void wrongType() throws IOException {
            Path written = MetricsFile.write(new PairwiseMetrics(3, 1, 0.5, 0.25, 0.25, 0.15, 0.85, null, null), Map.of(), first);
            Files.writeString(written, Files.readString(written).replace("\"decisive_count\": 0", "\"decisive_count\": 1.5"));

            assertThatThrownBy(() -> MetricsFile.read(written))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Configuration error: ")
                    .hasMessageContaining("[decisive_count]");
        }
    }

    @Nested
    @DisplayName("observations.jsonl and summary.json")
    class Experiment {

        @Test
        @DisplayName("give back an equal experiment, rows and configuration included, and the same bytes when written again")
        void roundTrip() throws IOException {
            ExperimentResult experiment = experiment("set_v1", "set_v1__0", "c0ffee", "m1", first);
            ObservationsFile.write(experiment, first);
            ExperimentSummaryFile.write(experiment, first);

            ExperimentResult read = ExperimentSummaryFile.read(first);

            assertThat(read).isEqualTo(experiment);
            assertThat(read.configuration().get("temperature")).isEqualTo(new BigDecimal("0.20"));
            ExperimentResult moved = copy(read, second);
            ObservationsFile.write(moved, second);
            ExperimentSummaryFile.write(moved, second);
            assertSameBytes(first.resolve(ObservationsFile.NAME), second.resolve(ObservationsFile.NAME));
            assertSameBytes(first.resolve(ExperimentSummaryFile.NAME), second.resolve(ExperimentSummaryFile.NAME));
            assertThat(Files.readString(first.resolve(ExperimentSummaryFile.NAME))).contains("\"temperature\": 0.20,");
        }

        @Test
        @DisplayName("give back its tokens and cost (reply counts aside: the file does not keep them), and the same bytes")
        void usage() throws IOException {
            Usage usage = new Usage(List.of(new Usage.ModelUsage("judge", 30, 15, 30, 15, 0, 0, 0.00006),
                    new Usage.ModelUsage("m1", 4, 2, 0, 0, 0, 0, null)), true, null);
            ExperimentResult experiment = experiment("set_v1", "set_v1__0", "c0ffee", "m1", first).withUsage(usage);
            ObservationsFile.write(experiment, first);
            ExperimentSummaryFile.write(experiment, first);

            ExperimentResult read = ExperimentSummaryFile.read(first);

            assertThat(read.usage()).isEqualTo(usage);
            assertThat(read).isEqualTo(experiment);
            ExperimentResult moved = copy(read, second);
            ObservationsFile.write(moved, second);
            ExperimentSummaryFile.write(moved, second);
            assertSameBytes(first.resolve(ExperimentSummaryFile.NAME), second.resolve(ExperimentSummaryFile.NAME));
            assertThat(Files.readString(first.resolve(ExperimentSummaryFile.NAME))).contains("\"cost_usd\": {");
        }
    }

    @Nested
    @DisplayName("set-summary.json")
    class SetSummary {

        @Test
        @DisplayName("with its experiments' folders gives back an equal set, and the same bytes for every file written again")
        void roundTrip() throws IOException {
            ExperimentSetResult set = set(first);
            write(set);

            ExperimentSetResult read = SetSummaryFile.read(first);

            assertThat(read).isEqualTo(set);
            ExperimentSetResult moved = set(second);
            assertThat(moved.experiments()).isEqualTo(read.experiments().stream().map(e -> copy(e, second.resolve(e.name())))
                    .toList());
            write(new ExperimentSetResult(read.name(), read.readme(), moved.experiments(), read.configurations(),
                    read.rankings(), second));
            for (String file : List.of(SetSummaryFile.NAME, "set_v1__0/" + ObservationsFile.NAME,
                    "set_v1__0/" + ExperimentSummaryFile.NAME, "set_v1__1/" + ObservationsFile.NAME,
                    "set_v1__1/" + ExperimentSummaryFile.NAME)) {
                assertSameBytes(first.resolve(file), second.resolve(file));
            }
        }

        private void write(ExperimentSetResult set) throws IOException {
            for (ExperimentResult experiment : set.experiments()) {
                Files.createDirectories(experiment.reportDirectory());
                ObservationsFile.write(experiment, experiment.reportDirectory());
                ExperimentSummaryFile.write(experiment, experiment.reportDirectory());
            }
            SetSummaryFile.write(set, set.reportDirectory());
        }

        private ExperimentSetResult set(Path directory) {
            ExperimentResult a = experiment("set_v1", "set_v1__0", "aaa", "m1", directory.resolve("set_v1__0"));
            ExperimentResult b = experiment("set_v1", "set_v1__1", "bbb", "m2 é", directory.resolve("set_v1__1"));
            Map<String, RepeatStatistics> statistics = new LinkedHashMap<>();
            statistics.put("judge_precision", new RepeatStatistics("judge_precision", 2, 2.0 / 3, 0.1 + 0.2, 0.3, 0.9,
                    0.05, 0.25));
            statistics.put("output_length", new RepeatStatistics("output_length", 1, 12.0, null, null, null, null, 0.0));
            Map<String, MetricRanking> rankings = new LinkedHashMap<>();
            rankings.put("judge_precision", new MetricRanking("judge_precision", true, List.of("aaa", "bbb"), 0.0625));
            rankings.put("output_length", new MetricRanking("output_length", false, List.of("bbb", "aaa"), null));
            return new ExperimentSetResult("set_v1", TRICKY, List.of(a, b),
                    List.of(new ConfigurationResult("aaa", "model.name=m1", a.configuration(), List.of("set_v1__0"), statistics),
                            new ConfigurationResult("bbb", "model.name=m2 é", b.configuration(), List.of("set_v1__1"),
                                    Map.of())),
                    rankings, directory);
        }
    }

    private static ExperimentResult experiment(String set, String name, String configurationId, String model, Path directory) {
        Map<String, Object> configuration = map("dataset", "datasets/qa.jsonl",
                "model", map("name", model, "sampling_params", map("top_p", 0.9, "stop", List.of("\n\n", "é")),
                        "extra_params", map("seed", 42, "big", 12345678901L, "none", null, "flag", true)),
                "temperature", new BigDecimal("0.20"),
                "metrics", List.of("judge_precision", "output_length", "generation_time"));
        List<String> metrics = List.of("judge_precision", "output_length", "generation_time");
        List<RowResult> rows = new ArrayList<>();
        rows.add(new RowResult(7, new Generation(TRICKY, 1.25, 31, 4, null), scores(
                MetricObservation.judged(1.0, "Score: 1 — bien"), MetricObservation.of(12), MetricObservation.of(1.25))));
        rows.add(new RowResult("q-2 日本", Generation.failed("HTTP 500 from " + model), scores(
                MetricObservation.failed("no output to judge", null), null, null)));
        rows.add(new RowResult(12345678901L, Generation.preGenerated("yes"), scores(
                MetricObservation.failed("no score in the judge's reply", TRICKY), MetricObservation.of(0), null)));
        Map<String, MetricSummary> summaries = new LinkedHashMap<>();
        summaries.put("judge_precision", new MetricSummary("judge_precision", 1.0, 1, 2));
        summaries.put("output_length", new MetricSummary("output_length", 6.0, 2, 1));
        // generation_time has no summary: written as null, read back as absent.
        return new ExperimentResult(set, name, 0, configurationId, 0, 1, configuration, metrics, rows, summaries, directory);
    }

    private static Map<String, MetricObservation> scores(MetricObservation judge, MetricObservation length,
                                                         MetricObservation time) {
        Map<String, MetricObservation> scores = new LinkedHashMap<>();
        if (judge != null) {
            scores.put("judge_precision", judge);
        }
        if (length != null) {
            scores.put("output_length", length);
        }
        if (time != null) {
            scores.put("generation_time", time);
        }
        return scores;
    }

    private static ExperimentResult copy(ExperimentResult e, Path directory) {
        return new ExperimentResult(e.setName(), e.name(), e.index(), e.configurationId(), e.repeatIndex(), e.repeatCount(),
                e.configuration(), e.metricNames(), e.rows(), e.metrics(), directory).withUsage(e.usage());
    }
}
