package dev.evalunit.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.Vote;
import dev.evalunit.config.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Reading a judgments file")
class JudgmentsReaderTest {

    private static final String LINE = "{\"id\":\"q1\",\"inference_instruction\":\"Answer.\",\"inference_context\":\"Ctx\","
            + "\"response_a\":\"ra\",\"response_b\":\"rb\",\"choice\":\"Model A\",\"confidence\":0.75,"
            + "\"explanation\":\"A is complete\",\"samples\":[{\"position\":\"AB\",\"choice\":\"A\",\"explanation\":\"x\"},"
            + "{\"position\":\"BA\",\"choice\":\"TIE\",\"explanation\":\"y\"}]}";

    @TempDir
    Path directory;

    private Path file(String... lines) throws IOException {
        Path file = directory.resolve("judgments.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Nested
    @DisplayName("reads")
    class Reads {

        @Test
        @DisplayName("every field of a line into a Judgment")
        void everyField() throws IOException {
            ReadJudgments read = JudgmentsFile.read(file(LINE), null);

            assertThat(read.idColumns()).containsExactly("id");
            assertThat(read.judgments()).containsExactly(new Judgment(Map.of("id", "q1"), "Answer.", "Ctx", "ra", "rb",
                    Choice.MODEL_A, 0.75, "A is complete",
                    List.of(new AutoraterSample(Position.AB, Vote.A, "x"), new AutoraterSample(Position.BA, Vote.TIE, "y")),
                    null));
        }

        @Test
        @DisplayName("by line offsets, not into memory: get(i) and iteration read the file, blank lines and CRLF skipped")
        void fromTheFile() throws IOException {
            String second = LINE.replace("q1", "q2").replace("Model A", "Tie").replace("\"ra\"", "\"é ü 東\"");
            ReadJudgments read = JudgmentsFile.read(file("", LINE + "\r", "   ", second, ""), null);

            assertThat(read.judgments()).isInstanceOf(PairwiseResult.StoredJudgments.class).hasSize(2);
            assertThat(read.judgments().get(1).ids()).containsEntry("id", "q2");
            assertThat(read.judgments().get(1).responseA()).isEqualTo("é ü 東");
            assertThat(read.judgments().get(1).choice()).isEqualTo(Choice.TIE);
            assertThat(read.judgments()).extracting(Judgment::choice).containsExactly(Choice.MODEL_A, Choice.TIE);
            assertThat(read.sides()).containsExactly(SideNames.NONE, SideNames.NONE);
        }

        @Test
        @DisplayName("the id columns from the first line's other keys, in order, with their JSON types")
        void idColumns() throws IOException {
            ReadJudgments read = JudgmentsFile.read(file(
                    "{\"set\":\"faq\",\"n\":7,\"choice\":\"Tie\",\"ok\":true,\"score\":0.5,\"none\":null}",
                    "{\"set\":\"faq\",\"choice\":\"Model B\",\"extra\":1}"), null);

            assertThat(read.idColumns()).containsExactly("set", "n", "ok", "score", "none");
            Map<String, Object> first = read.judgments().get(0).ids();
            assertThat(first).containsExactly(Map.entry("set", "faq"), Map.entry("n", 7), Map.entry("ok", true),
                    Map.entry("score", 0.5), entry("none", null));
            assertThat(read.judgments().get(1).ids()).containsExactly(Map.entry("set", "faq"), entry("n", null),
                    entry("ok", null), entry("score", null), entry("none", null));
        }

        @Test
        @DisplayName("lines without the optional fields: texts, confidence and samples missing")
        void minimalLine() throws IOException {
            Judgment judgment = JudgmentsFile.read(file("{\"row\":1,\"choice\":\"Error\"}"), null).judgments().get(0);

            assertThat(judgment.ids()).containsExactly(Map.entry("row", 1));
            assertThat(judgment.choice()).isEqualTo(Choice.ERROR);
            assertThat(judgment.confidence()).isNull();
            assertThat(judgment.responseA()).isNull();
            assertThat(judgment.explanation()).isEmpty();
            assertThat(judgment.samples()).isEmpty();
        }

        @Test
        @DisplayName("nothing from an empty file, and skips blank lines")
        void blankLines() throws IOException {
            assertThat(JudgmentsFile.read(file(""), "human").judgments()).isEmpty();
            assertThat(JudgmentsFile.read(file(LINE, "", "  ", LINE), null).judgments()).hasSize(2);
        }

        @Test
        @DisplayName("back exactly what JudgmentsFile wrote")
        void roundTrip() throws IOException {
            Map<String, Object> ids = new LinkedHashMap<>();
            ids.put("set", "faq");
            ids.put("n", 3);
            List<Judgment> judgments = List.of(
                    new Judgment(ids, "Instruction \"quoted\"\nnext", "Contexte é 日本", "a", "b", Choice.MODEL_B, 2.0 / 3,
                            "B wins", List.of(new AutoraterSample(Position.BA, Vote.B, "because")), "Model B"),
                    Judgment.error(ids, "i", "c", "a", null, "timed out",
                            List.of(new AutoraterSample(Position.AB, Vote.ERROR, "timeout")), null));
            JudgmentsFile.write(new PairwiseResult("e", "summarization", List.of("set", "n"), "human",
                    judgments, new PairwiseMetrics(2, 1, null, null, null, null, null, null, null), directory), directory);

            ReadJudgments read = JudgmentsFile.read(directory.resolve("judgments.jsonl"), "human");

            assertThat(read.idColumns()).containsExactly("set", "n");
            assertThat(read.judgments()).isEqualTo(judgments);
        }
    }

    @Nested
    @DisplayName("with a human preference column")
    class HumanColumn {

        @Test
        @DisplayName("reads its cell as text, null where a line lacks it, and does not count it as an id column")
        void readsTheColumn() throws IOException {
            ReadJudgments read = JudgmentsFile.read(file("{\"id\":1,\"human\":\"A\",\"choice\":\"Model A\"}",
                    "{\"id\":2,\"choice\":\"Model A\"}", "{\"id\":3,\"human\":2,\"choice\":\"Model A\"}"), "human");

            assertThat(read.idColumns()).containsExactly("id");
            assertThat(read.judgments()).extracting(Judgment::humanPreference).containsExactly("A", null, "2");
        }

        @Test
        @DisplayName("without it, a human column in the file is just another id column")
        void notGiven() throws IOException {
            ReadJudgments read = JudgmentsFile.read(file("{\"id\":1,\"human\":\"A\",\"choice\":\"Model A\"}"), null);

            assertThat(read.idColumns()).containsExactly("id", "human");
            assertThat(read.judgments().get(0).humanPreference()).isNull();
        }

        @Test
        @DisplayName("fails when no line has it, listing the keys that exist")
        void inNoLine() throws IOException {
            Path file = file("{\"id\":1,\"choice\":\"Model A\"}", "{\"id\":2,\"pref\":\"B\",\"choice\":\"Tie\"}");

            assertThatThrownBy(() -> JudgmentsFile.read(file, "human"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: human preference column [human] is in no line of judgments file ["
                            + file + "]. Columns: id, choice, pref.");
        }
    }

    @Nested
    @DisplayName("fails clearly")
    class Fails {

        @Test
        @DisplayName("on a file that does not exist")
        void missingFile() {
            Path file = directory.resolve("nowhere.jsonl");

            assertThatThrownBy(() -> JudgmentsFile.read(file, null))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: judgments file [" + file + "] was not found.");
        }

        @ParameterizedTest(name = "{0}")
        @DisplayName("on a line that is not a judgment, naming its number (blank lines counted)")
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                not JSON               | {"id":1,"choice":           | it is not valid JSON (Unexpected end-of-input within/between Object entries)
                two values             | {"choice":"Tie"} {}         | it holds more than one JSON value
                not an object          | ["Model A"]                 | it is not a JSON object
                missing choice         | {"id":1}                    | field [choice] is missing
                null choice            | {"id":1,"choice":null}      | field [choice] is missing
                unknown choice         | {"id":1,"choice":"Model C"} | choice [Model C] is not one of Model A, Model B, Tie, Error
                confidence as text     | {"choice":"Tie","confidence":"high"} | confidence ["high"] is not a number
                confidence over 1      | {"choice":"Tie","confidence":1.5}    | confidence [1.5] is not between 0 and 1
                confidence of an error | {"choice":"Error","confidence":0.5}  | an Error judgment has confidence [0.5], which must be null
                samples not an array   | {"choice":"Tie","samples":{}}        | samples [{}] is not an array
                sample not an object   | {"choice":"Tie","samples":["A"]}     | samples[0] ["A"] is not a JSON object
                unknown position       | {"choice":"Tie","samples":[{"position":"XY","choice":"A"}]} | samples[0].position [XY] is not AB or BA
                unknown sample choice  | {"choice":"Tie","samples":[{"position":"AB","choice":"a"}]} | samples[0].choice [a] is not one of A, B, TIE, ERROR
                model name a number    | {"choice":"Tie","model_a":7}         | field [model_a] is [7], not a model name
                model name blank       | {"choice":"Tie","model_b":" "}       | field [model_b] is [" "], not a model name
                """)
        void badLine(String name, String badLine, String reason) throws IOException {
            Path file = file("{\"id\":0,\"choice\":\"Tie\"}", "", badLine);

            assertThatThrownBy(() -> JudgmentsFile.read(file, null))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: judgments file [" + file + "] line 3 is not a judgment: "
                            + reason + ".");
        }

        @Test
        @DisplayName("on a file that is not UTF-8")
        void notUtf8() throws IOException {
            Path file = directory.resolve("latin1.jsonl");
            Files.write(file, "{\"id\":\"caf\u00e9\",\"choice\":\"Tie\"}\n".getBytes(StandardCharsets.ISO_8859_1));

            assertThatThrownBy(() -> JudgmentsFile.read(file, null))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: judgments file [" + file + "] is not UTF-8 text. Save it as UTF-8.");
        }
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return new AbstractMap.SimpleEntry<>(key, value);
    }
}
