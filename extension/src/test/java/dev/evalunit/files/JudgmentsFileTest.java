package dev.evalunit.files;

import static dev.evalunit.files.Results.error;
import static dev.evalunit.files.Results.ids;
import static dev.evalunit.files.Results.judgment;
import static dev.evalunit.files.Results.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.Vote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Writing the judgments file")
class JudgmentsFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private List<JsonNode> write(PairwiseResult result) throws IOException {
        List<Path> written = List.of(JudgmentsFile.write(result, directory));
        assertThat(written).containsExactly(directory.resolve("judgments.jsonl"));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(written.get(0), StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private String text() throws IOException {
        return Files.readString(directory.resolve("judgments.jsonl"), StandardCharsets.UTF_8);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    @DisplayName("has one JSON object per example")
    class Lines {

        @Test
        @DisplayName("each on its own line ending in \\n, in dataset order")
        void oneLinePerJudgment() throws IOException {
            List<JsonNode> lines = write(result(null, judgment("q1", Choice.MODEL_A, 1.0, "a", null),
                    judgment("q2", Choice.MODEL_B, 0.5, "b", null), error("q3", "no answer", null)));

            assertThat(lines).extracting(line -> line.get("id").asText()).containsExactly("q1", "q2", "q3");
            assertThat(text()).doesNotContain("\r").endsWith("}\n").hasLineCount(3);
        }

        @Test
        @DisplayName("an evaluation without examples gives an empty file")
        void empty() throws IOException {
            assertThat(write(result(null))).isEmpty();
            assertThat(text()).isEmpty();
        }

        @Test
        @DisplayName("with the ids first, then the contract's fields in order")
        void fieldOrder() throws IOException {
            Judgment judgment = new Judgment(ids("dataset", "faq", "id", 7), "Answer.", "Ctx", "ra", "rb",
                    Choice.MODEL_A, 0.75, "A is complete", List.of(), null);

            JsonNode line = write(result(List.of("dataset", "id"), null, List.of(judgment), Results.METRICS)).get(0);

            assertThat(fieldNames(line)).containsExactly("dataset", "id", "inference_instruction",
                    "inference_context", "response_a", "response_b", "choice", "confidence", "explanation",
                    "samples");
            assertThat(line.get("inference_instruction").asText()).isEqualTo("Answer.");
            assertThat(line.get("inference_context").asText()).isEqualTo("Ctx");
            assertThat(line.get("response_a").asText()).isEqualTo("ra");
            assertThat(line.get("response_b").asText()).isEqualTo("rb");
            assertThat(line.get("choice").asText()).isEqualTo("Model A");
            assertThat(line.get("confidence").doubleValue()).isEqualTo(0.75);
            assertThat(line.get("explanation").asText()).isEqualTo("A is complete");
            assertThat(line.get("samples").isArray()).isTrue();
            assertThat(line.get("samples")).isEmpty();
        }
    }

    @Nested
    @DisplayName("writes the ids")
    class Ids {

        @Test
        @DisplayName("as their JSON types: string, number, boolean, null")
        void jsonTypes() throws IOException {
            Judgment judgment = new Judgment(ids("name", "q1", "n", 12, "big", 12345678901L, "score", 0.5,
                    "flag", true, "none", null), "i", "c", "a", "b", Choice.TIE, 1.0, "", List.of(), null);

            JsonNode line = write(result(List.of("name", "n", "big", "score", "flag", "none"), null,
                    List.of(judgment), Results.METRICS)).get(0);

            assertThat(line.get("name").getNodeType()).isEqualTo(JsonNodeType.STRING);
            assertThat(line.get("n").isInt()).isTrue();
            assertThat(line.get("n").intValue()).isEqualTo(12);
            assertThat(line.get("big").longValue()).isEqualTo(12345678901L);
            assertThat(line.get("score").isDouble()).isTrue();
            assertThat(line.get("score").doubleValue()).isEqualTo(0.5);
            assertThat(line.get("flag").isBoolean()).isTrue();
            assertThat(line.get("none").isNull()).isTrue();
        }

        @Test
        @DisplayName("with a non-finite number as null, since JSON has no NaN")
        void notANumber() throws IOException {
            Judgment judgment = new Judgment(ids("score", Double.NaN), "i", "c", "a", "b", Choice.TIE, 1.0, "",
                    List.of(), null);

            JsonNode line = write(result(List.of("score"), null, List.of(judgment), Results.METRICS)).get(0);

            assertThat(line.get("score").isNull()).isTrue();
            assertThat(text()).doesNotContain("NaN");
        }

        @Test
        @DisplayName("exactly as the map holds them, e.g. the row number of an evaluation without id columns")
        void rowKey() throws IOException {
            Judgment judgment = new Judgment(ids("row", 3), "i", "c", "a", "b", Choice.MODEL_B, 1.0, "", List.of(),
                    null);

            JsonNode line = write(result(List.of(), null, List.of(judgment), Results.METRICS)).get(0);

            assertThat(fieldNames(line).get(0)).isEqualTo("row");
            assertThat(line.get("row").intValue()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("writes the verdict")
    class Verdict {

        @Test
        @DisplayName("with each choice's label")
        void labels() throws IOException {
            List<JsonNode> lines = write(result(null, judgment("1", Choice.MODEL_A, 1.0, "", null),
                    judgment("2", Choice.MODEL_B, 1.0, "", null), judgment("3", Choice.TIE, 1.0, "", null),
                    error("4", "", null)));

            assertThat(lines).extracting(line -> line.get("choice").asText())
                    .containsExactly("Model A", "Model B", "Tie", "Error");
        }

        @Test
        @DisplayName("with a null confidence and the reason as explanation for an error")
        void errorJudgment() throws IOException {
            JsonNode line = write(result(null, Results.error("q1", "The autorater timed out 3 times.", null))).get(0);

            assertThat(line.get("confidence").isNull()).isTrue();
            assertThat(line.get("explanation").asText()).isEqualTo("The autorater timed out 3 times.");
            assertThat(line.get("response_b").isNull()).isTrue();
        }

        @Test
        @DisplayName("with the confidence as a JSON number")
        void confidence() throws IOException {
            JsonNode line = write(result(null, judgment("q1", Choice.MODEL_B, 2.0 / 3, "", null))).get(0);

            assertThat(line.get("confidence").isNumber()).isTrue();
            assertThat(line.get("confidence").doubleValue()).isEqualTo(2.0 / 3);
        }

        @Test
        @DisplayName("with every sample's position, choice and explanation, in order")
        void samples() throws IOException {
            Judgment judgment = new Judgment(ids("id", "q1"), "i", "c", "a", "b", Choice.TIE, 0.5, "split",
                    List.of(new AutoraterSample(Position.AB, Vote.A, "A first"),
                            new AutoraterSample(Position.BA, Vote.TIE, "equal"),
                            new AutoraterSample(Position.AB, Vote.ERROR, "unreadable reply"),
                            new AutoraterSample(Position.BA, Vote.B, null)),
                    null);

            JsonNode samples = write(result(null, judgment)).get(0).get("samples");

            assertThat(samples).hasSize(4);
            assertThat(fieldNames(samples.get(0))).containsExactly("position", "choice", "explanation");
            assertThat(samples).extracting(s -> s.get("position").asText()).containsExactly("AB", "BA", "AB", "BA");
            assertThat(samples).extracting(s -> s.get("choice").asText()).containsExactly("A", "TIE", "ERROR", "B");
            assertThat(samples).extracting(s -> s.get("explanation").asText())
                    .containsExactly("A first", "equal", "unreadable reply", "");
        }
    }

    @Nested
    @DisplayName("keeps text intact")
    class Text {

        @Test
        @DisplayName("escaping quotes, backslashes, tabs and newlines so that each object stays on one line")
        void escaping() throws IOException {
            String tricky = "He said \"no\"\\ then\nleft.\r\n\tEnd";
            Judgment judgment = new Judgment(ids("id", "q\"1"), tricky, tricky, tricky, tricky, Choice.MODEL_A, 1.0,
                    tricky, List.of(new AutoraterSample(Position.AB, Vote.A, tricky)), null);

            JsonNode line = write(result(null, judgment)).get(0);

            assertThat(text()).hasLineCount(1);
            assertThat(line.get("id").asText()).isEqualTo("q\"1");
            for (String field : List.of("inference_instruction", "inference_context", "response_a", "response_b",
                    "explanation")) {
                assertThat(line.get(field).asText()).as(field).isEqualTo(tricky);
            }
            assertThat(line.get("samples").get(0).get("explanation").asText()).isEqualTo(tricky);
        }

        @Test
        @DisplayName("writing non-ASCII text as UTF-8 characters")
        void unicode() throws IOException {
            String text = "Réponse élégante — 日本語 😀";
            Judgment judgment = new Judgment(ids("id", "é1"), text, "", text, "b", Choice.MODEL_A, 1.0, text,
                    List.of(), null);

            JsonNode line = write(result(null, judgment)).get(0);

            assertThat(line.get("response_a").asText()).isEqualTo(text);
            assertThat(line.get("id").asText()).isEqualTo("é1");
            assertThat(text()).contains(text);
        }
    }

    @Nested
    @DisplayName("writes the human preference")
    class HumanPreference {

        @Test
        @DisplayName("last, under the column's name and as given, when the evaluation has that column")
        void withColumn() throws IOException {
            List<JsonNode> lines = write(result("human_pref", judgment("q1", Choice.MODEL_A, 1.0, "", "Model B"),
                    judgment("q2", Choice.MODEL_A, 1.0, "", null)));

            assertThat(fieldNames(lines.get(0))).last().isEqualTo("human_pref");
            assertThat(lines.get(0).get("human_pref").asText()).isEqualTo("Model B");
            assertThat(lines.get(1).get("human_pref").isNull()).isTrue();
        }

        @Test
        @DisplayName("not at all when the evaluation has no human preference column")
        void withoutColumn() throws IOException {
            JsonNode line = write(result(null, judgment("q1", Choice.MODEL_A, 1.0, "", "A"))).get(0);

            assertThat(fieldNames(line)).containsExactly("id", "inference_instruction", "inference_context",
                    "response_a", "response_b", "choice", "confidence", "explanation", "samples");
        }
    }
}
