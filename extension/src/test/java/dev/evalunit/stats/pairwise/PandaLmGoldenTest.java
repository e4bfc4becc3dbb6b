package dev.evalunit.stats.pairwise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.Vote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Reproduces the figures PandaLM's authors published for their human-annotated test set
 * (shared/data/pandalm/README.md). The data is real and labelled by other people, so a pass here
 * means our conventions (macro averages, kappa) are the ones the field uses, not merely self-consistent.
 */
@DisplayName("On PandaLM's human-annotated test set, the statistics reproduce the published figures")
class PandaLmGoldenTest {

    private static final String TEST_SET = "testset-v1.json";
    private static final String GPT_VERDICTS = "gpt-3.5-turbo-testset-v1.json";
    private static final String PANDALM_VERDICTS = "pandalm-7b-testset-v1.json";
    private static final int ITEMS = 999;

    private static List<JsonNode> items;
    private static List<String> humanMajority;

    @BeforeAll
    static void readTestSet() throws IOException {
        items = readArray(TEST_SET);
        assertThat(items).as("items in %s", TEST_SET).hasSize(ITEMS);
        humanMajority = items.stream().map(PandaLmGoldenTest::majorityOfAnnotators).toList();
    }

    @Test
    @DisplayName("every item has a 2-of-3 annotator majority: tie 105, response1 422, response2 472")
    void humanLabelCounts() {
        Map<String, Long> counts = humanMajority.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(counts).containsOnly(Map.entry("TIE", 105L), Map.entry("A", 422L), Map.entry("B", 472L));
    }

    @Test
    @DisplayName("Cohen's kappa between annotators is 0.852 (1-2), 0.879 (1-3) and 0.862 (2-3)")
    void annotatorKappas() {
        List<Integer> first = annotator(1);
        List<Integer> second = annotator(2);
        List<Integer> third = annotator(3);

        assertThat(threeDecimals(CohensKappa.of(first, second))).isEqualTo(0.852);
        assertThat(threeDecimals(CohensKappa.of(first, third))).isEqualTo(0.879);
        assertThat(threeDecimals(CohensKappa.of(second, third))).isEqualTo(0.862);
    }

    @Nested
    @DisplayName("gpt-3.5-turbo as the judge (garbage verdicts counted as ties)")
    class Gpt35Turbo {

        @Test
        @DisplayName("accuracy 71.07 %, macro precision 58.79 %, macro recall 57.36 %, macro F1 57.55 %")
        void publishedFigures() throws IOException {
            HumanAlignment alignment = alignmentOf(GPT_VERDICTS, verdict -> switch (verdict.get("gpt_result").asText()) {
                case "1" -> Choice.MODEL_A;
                case "2" -> Choice.MODEL_B;
                case "Tie", "garbage" -> Choice.TIE;
                default -> throw new AssertionError("unexpected gpt_result " + verdict.get("gpt_result"));
            });

            assertThat(percent(alignment.threeClassAccuracy())).isEqualTo(71.07);
            assertThat(percent(alignment.macroPrecision())).isEqualTo(58.79);
            assertThat(percent(alignment.macroRecall())).isEqualTo(57.36);
            assertThat(percent(alignment.macroF1())).isEqualTo(57.55);
        }
    }

    @Nested
    @DisplayName("PandaLM-7B as the judge")
    class PandaLm7b {

        @Test
        @DisplayName("accuracy 66.77 %, macro precision 57.38 %, macro recall 57.50 %, macro F1 57.43 %")
        void publishedFigures() throws IOException {
            HumanAlignment alignment = alignmentOf(PANDALM_VERDICTS, verdict -> switch (verdict.get("pandalm_result").asInt(-1)) {
                case 1 -> Choice.MODEL_A;
                case 2 -> Choice.MODEL_B;
                case 0 -> Choice.TIE;
                default -> throw new AssertionError("unexpected pandalm_result " + verdict.get("pandalm_result"));
            });

            assertThat(percent(alignment.threeClassAccuracy())).isEqualTo(66.77);
            assertThat(percent(alignment.macroPrecision())).isEqualTo(57.38);
            assertThat(percent(alignment.macroRecall())).isEqualTo(57.50);
            assertThat(percent(alignment.macroF1())).isEqualTo(57.43);
        }
    }

    /** Turns the judge's verdicts into judgments (one synthetic valid sample each) and computes the metrics. */
    private static HumanAlignment alignmentOf(String verdictsFile, Function<JsonNode, Choice> choiceOf)
            throws IOException {
        List<JsonNode> verdicts = readArray(verdictsFile);
        assertThat(verdicts).as("verdicts in %s", verdictsFile).hasSize(ITEMS);
        List<Judgment> judgments = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            JsonNode item = items.get(i);
            JsonNode verdict = verdicts.get(i);
            assertThat(verdict.get("idx").asInt()).as("idx of record %d in %s", i, verdictsFile)
                    .isEqualTo(item.get("idx").asInt());
            Choice choice = choiceOf.apply(verdict);
            Map<String, Object> ids = new LinkedHashMap<>();
            ids.put("idx", item.get("idx").asInt());
            judgments.add(new Judgment(ids, item.get("instruction").asText(), item.get("input").asText(),
                    item.get("response1").asText(), item.get("response2").asText(), choice, 1.0,
                    verdict.path("gpt_reason").asText(verdict.path("pandalm_reason").asText()),
                    List.of(new AutoraterSample(Position.AB, voteOf(choice), "")), humanMajority.get(i)));
        }
        var metrics = PairwiseStatistics.compute(judgments, true);
        assertThat(metrics.exampleCount()).isEqualTo(ITEMS);
        assertThat(metrics.errorCount()).isZero();
        return metrics.humanAlignment();
    }

    private static String majorityOfAnnotators(JsonNode item) {
        int[] votes = new int[3];
        for (int annotator = 1; annotator <= 3; annotator++) {
            votes[item.get("annotator" + annotator).asInt()]++;
        }
        for (int label = 0; label < 3; label++) {
            if (votes[label] >= 2) {
                return switch (label) {
                    case 1 -> "A";
                    case 2 -> "B";
                    default -> "TIE";
                };
            }
        }
        throw new AssertionError("item idx " + item.get("idx") + " has no 2-of-3 annotator majority");
    }

    private static List<Integer> annotator(int number) {
        return items.stream().map(item -> item.get("annotator" + number).asInt()).toList();
    }

    private static Vote voteOf(Choice choice) {
        return switch (choice) {
            case MODEL_A -> Vote.A;
            case MODEL_B -> Vote.B;
            default -> Vote.TIE;
        };
    }

    private static double percent(Double share) {
        assertThat(share).isNotNull();
        return Math.round(share * 10000) / 100.0;
    }

    private static double threeDecimals(Double value) {
        assertThat(value).isNotNull();
        return Math.round(value * 1000) / 1000.0;
    }

    private static List<JsonNode> readArray(String fileName) throws IOException {
        Path file = pandaLmDirectory().resolve(fileName);
        assertThat(file).as("PandaLM golden data file (see shared/data/pandalm/README.md)").isRegularFile();
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.isArray()).as("%s holds a JSON array", file).isTrue();
        List<JsonNode> records = new ArrayList<>();
        root.forEach(records::add);
        return records;
    }

    /** Surefire passes {@code evalunit-shared-dir}; from an IDE the module folder is the working directory. */
    private static Path pandaLmDirectory() {
        String configured = System.getProperty("evalunit-shared-dir");
        Path shared = configured == null || configured.isBlank() ? Path.of("../../shared") : Path.of(configured);
        Path directory = shared.resolve("data/pandalm").toAbsolutePath().normalize();
        assertThat(Files.isDirectory(directory))
                .as("PandaLM golden data folder [%s] is missing: set -Devalunit-shared-dir to the folder holding data/pandalm",
                        directory)
                .isTrue();
        return directory;
    }
}
