package dev.evalunit.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.spi.DatasetRecord;
import dev.evalunit.config.ConfigurationException;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A JSON Lines file on disk")
class JsonLinesFileTest {

    @TempDir
    Path dir;

    private Dataset load(String content) throws Exception {
        Files.write(dir.resolve("data.jsonl"), content.getBytes(StandardCharsets.UTF_8));
        return new DatasetLoader(getClass().getClassLoader(), dir).load("data.jsonl");
    }

    private static List<DatasetRecord> parsedWhole(String content) throws Exception {
        BufferedReader reader = new BufferedReader(new StringReader(content.startsWith("\uFEFF") ? content.substring(1) : content));
        return new JsonLinesSource().parse("data.jsonl", reader);
    }

    @ParameterizedTest(name = "{index}")
    @ValueSource(strings = {
            "{\"id\":1,\"q\":\"a\"}\n{\"id\":2,\"q\":\"b\"}\n",
            "{\"id\":1,\"q\":\"a\"}\r\n\r\n{\"id\":2,\"q\":\"\u00e9\u4e2d\ud83d\ude00\"}",
            "\uFEFF\n  \n{\"id\":1}\n{\"q\":\"x\",\"id\":2,\"n\":{\"deep\":[1,2]}}\n\n",
    })
    @DisplayName("gives the same records as the text read whole: locations, cells, blank lines, CRLF, a byte order mark, a last line without LF")
    void sameAsWhole(String content) throws Exception {
        Dataset dataset = load(content);

        assertThat(dataset.rows()).isInstanceOf(RowsOnDemand.class);
        assertThat(List.copyOf(JsonLinesFile.index("data.jsonl", dir.resolve("data.jsonl"), record -> { }))).isEqualTo(parsedWhole(content));
        assertThat(dataset.rows()).extracting(DatasetRow::location)
                .containsExactlyElementsOf(parsedWhole(content).stream().map(DatasetRecord::location).toList());
    }

    @Test
    @DisplayName("finds its lines across reads: a line longer than the read buffer, lines ending at its edge, a last line without LF")
    void linesAcrossReads() throws Exception {
        int buffer = 1 << 16;
        String longLine = "{\"id\":1,\"q\":\"" + "x".repeat(3 * buffer) + "\"}";
        // The second line ends (its CR LF) at the last byte of a read.
        String filler = "{\"id\":2,\"q\":\"";
        int used = (longLine.length() + 1 + filler.length() + 4) % buffer;
        String second = filler + "y".repeat(buffer - used) + "\"}";
        String content = longLine + "\n" + second + "\r\n{\"id\":3}\n{\"id\":4}";
        Files.writeString(dir.resolve("data.jsonl"), content);

        assertThat(List.copyOf(JsonLinesFile.index("data.jsonl", dir.resolve("data.jsonl"), record -> { }))).isEqualTo(parsedWhole(content));
        assertThat(load(content).rows()).extracting(row -> row.text("id")).containsExactly("1", "2", "3", "4");
    }

    @Test
    @DisplayName("ends lines as BufferedReader does: a lone CR ends one, and a CR at the end of a read with its LF at the start of the next ends one")
    void carriageReturns() throws Exception {
        int buffer = 1 << 16;
        String filler = "{\"id\":1,\"q\":\"";
        // The first line's CR is the last byte of the first read, its LF the first of the second.
        String first = filler + "x".repeat(buffer - 1 - filler.length() - 2) + "\"}";
        String content = first + "\r\n{\"id\":2}\r{\"id\":3}\r\r\n{\"id\":4}\n\r{\"id\":5}\r";
        Files.writeString(dir.resolve("data.jsonl"), content);

        List<DatasetRecord> records = JsonLinesFile.index("data.jsonl", dir.resolve("data.jsonl"), record -> { });

        assertThat(records).isNotNull();
        assertThat(List.copyOf(records)).isEqualTo(parsedWhole(content));
        assertThat(records).extracting(DatasetRecord::location)
                .containsExactly("line 1", "line 2", "line 3", "line 5", "line 7");
        assertThat(load(content).rows()).extracting(row -> row.text("id")).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    @DisplayName("hands each record on once, in file order, as the file is read; a pretty-printed file hands on none")
    void handsRecordsOn() throws Exception {
        Files.writeString(dir.resolve("data.jsonl"), "{\"id\":1}\n\n{\"id\":2,\"q\":\"b\"}\n");
        List<DatasetRecord> handed = new java.util.ArrayList<>();

        List<DatasetRecord> records = JsonLinesFile.index("data.jsonl", dir.resolve("data.jsonl"), handed::add);

        assertThat(handed).isEqualTo(List.copyOf(records));
        assertThat(handed).extracting(DatasetRecord::location).containsExactly("line 1", "line 3");

        Files.writeString(dir.resolve("pretty.jsonl"), "{\n  \"id\": 1\n}\n");
        List<DatasetRecord> none = new java.util.ArrayList<>();
        assertThat(JsonLinesFile.index("pretty.jsonl", dir.resolve("pretty.jsonl"), none::add)).isNull();
        assertThat(none).isEmpty();
    }

    @Test
    @DisplayName("keeps only the rows' places: a row is read from the file when asked for, in the dataset's column order")
    void readOnDemand() throws Exception {
        Dataset dataset = load("{\"id\":1,\"q\":\"first\"}\n{\"q\":\"second\",\"id\":2}\n");

        assertThat(dataset.columns()).containsExactly("id", "q");
        assertThat(dataset.size()).isEqualTo(2);
        assertThat(dataset.rows().get(1).values().keySet()).containsExactly("id", "q");
        assertThat(dataset.rows().get(1).rowNumber()).isEqualTo(2);
        // Same length, new text: what a later read sees shows that the row was not kept.
        Files.writeString(dir.resolve("data.jsonl"), "{\"id\":1,\"q\":\"FIRST\"}\n{\"q\":\"second\",\"id\":2}\n");
        assertThat(dataset.rows().get(0).text("q")).isEqualTo("FIRST");
    }

    @Test
    @DisplayName("reports a mistake on any line before any row is used, by line, as the text read whole does")
    void checkedAtLoad() {
        assertThatThrownBy(() -> load("{\"id\":1}\n\n[1]\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: dataset [data.jsonl] line 3 is not a JSON object: found an array. Fix that line.");
        assertThatThrownBy(() -> load("{\"id\":1,\"id\":2}\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Configuration error: dataset [data.jsonl] line 1 is not a JSON object: Duplicate field 'id'");
    }

    @Test
    @DisplayName("is read whole when it is pretty-printed JSON")
    void prettyPrinted() throws Exception {
        Dataset dataset = load("{\n  \"id\": 1\n}\n{\n  \"id\": 2\n}\n");

        assertThat(dataset.rows()).isNotInstanceOf(RowsOnDemand.class);
        assertThat(dataset.rows()).extracting(row -> row.get("id")).containsExactly(1, 2);
    }

    @Test
    @DisplayName("is refused when it is not UTF-8")
    void notUtf8() throws Exception {
        Files.write(dir.resolve("data.jsonl"), new byte[] {'{', '"', 'q', '"', ':', '"', (byte) 0xE9, '"', '}', '\n'});

        assertThatThrownBy(() -> new DatasetLoader(getClass().getClassLoader(), dir).load("data.jsonl"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: dataset [data.jsonl] is not UTF-8 text. Save it as UTF-8.");
    }
}
