package dev.evalunit.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.evalunit.config.ConfigurationException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("DatasetLoader")
class DatasetLoaderTest {

    @TempDir
    Path dir;

    private DatasetLoader loader() {
        return new DatasetLoader(getClass().getClassLoader(), dir);
    }

    private Dataset load(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        return loader().load(name);
    }

    private void assertFails(String name, String content, String message) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> loader().load(name))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(message);
    }

    @Nested
    @DisplayName("finds a dataset")
    class Lookup {

        @Test
        @DisplayName("as a class path resource")
        void classPathResource() {
            Dataset dataset = loader().load("dev/evalunit/dataset/tiny-qa.jsonl");

            assertThat(dataset.source()).isEqualTo("dev/evalunit/dataset/tiny-qa.jsonl");
            assertThat(dataset.columns()).containsExactly("id", "question", "context");
            assertThat(dataset.rows()).extracting(row -> row.text("id")).containsExactly("q1", "q2");
        }

        @Test
        @DisplayName("as a class path resource written with a leading slash")
        void classPathResourceWithLeadingSlash() {
            assertThat(loader().load("/dev/evalunit/dataset/tiny-qa.jsonl").size()).isEqualTo(2);
        }

        @Test
        @DisplayName("as a file relative to the base directory")
        void relativeFile() throws IOException {
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("data/qa.csv"), "id,question\nf1,From a file\n");

            assertThat(loader().load("data/qa.csv").rows()).extracting(row -> row.text("question"))
                    .containsExactly("From a file");
        }

        @Test
        @DisplayName("as an absolute file path")
        void absoluteFile(@TempDir Path elsewhere) throws IOException {
            Path file = elsewhere.resolve("qa.jsonl");
            Files.writeString(file, "{\"id\": 1}\n");

            assertThat(loader().load(file.toString()).rows()).extracting(row -> row.get("id")).containsExactly(1);
        }

        @Test
        @DisplayName("on the class path first, when a file of the same name exists too")
        void classPathBeforeFile() throws IOException {
            Files.createDirectories(dir.resolve("dev/evalunit/dataset"));
            Files.writeString(dir.resolve("dev/evalunit/dataset/shadowed.csv"), "id,question\nr1,From the file\n");

            assertThat(loader().load("dev/evalunit/dataset/shadowed.csv").rows().get(0).text("question"))
                    .isEqualTo("From the class path");
        }

        @Test
        @DisplayName("through the class loader it is given")
        void givenClassLoader(@TempDir Path classes) throws IOException {
            Files.writeString(classes.resolve("only-here.jsonl"), "{\"id\": \"c1\"}\n");
            try (URLClassLoader classLoader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
                Dataset dataset = new DatasetLoader(classLoader, dir).load("only-here.jsonl");

                assertThat(dataset.rows().get(0).text("id")).isEqualTo("c1");
            }
        }

        @Test
        @DisplayName("or says where it looked")
        void missing() {
            assertThatThrownBy(() -> loader().load("data/nowhere.jsonl"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: dataset [data/nowhere.jsonl] was not found on the class path or as a file. "
                            + "Check the path; class path resources live in src/test/resources.");
        }

        @Test
        @DisplayName("and does not mistake a directory for a file")
        void directoryIsNotADataset() throws IOException {
            Files.createDirectories(dir.resolve("folder.csv"));

            assertThatThrownBy(() -> loader().load("folder.csv"))
                    .hasMessageStartingWith("Configuration error: dataset [folder.csv] was not found");
        }
    }

    @Nested
    @DisplayName("decides the format by extension")
    class Formats {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"qa.jsonl", "qa.ndjson", "QA.JSONL"})
        @DisplayName("JSON Lines")
        void jsonLines(String name) throws IOException {
            assertThat(load(name, "{\"a\": \"x\"}\n").rows().get(0).get("a")).isEqualTo("x");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"qa.json", "qa.txt", "qa.tsv", "qa"})
        @DisplayName("and rejects any other, before looking for the file")
        void unknown(String name) {
            assertThatThrownBy(() -> loader().load(name))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: dataset [" + name + "] has an unknown format. Use a reference that one of"
                            + " the dataset sources accepts: CSV with a header row (.csv), JSON Lines (.jsonl, .ndjson).");
        }
    }

    @Nested
    @DisplayName("reads JSON Lines")
    class JsonLines {

        @Test
        @DisplayName("keeping each cell's JSON type and nested values as JSON text")
        void types() throws IOException {
            Dataset dataset = load("t.jsonl",
                    "{\"s\": \"text\", \"i\": 7, \"d\": 0.5, \"b\": true, \"n\": null, \"o\": {\"k\": [1, 2]}, \"a\": [\"x\"]}\n");
            DatasetRow row = dataset.rows().get(0);

            assertThat(row.values()).containsExactly(entry("s", "text"), entry("i", 7), entry("d", 0.5),
                    entry("b", true), entry("n", null), entry("o", "{\"k\":[1,2]}"), entry("a", "[\"x\"]"));
        }

        @Test
        @DisplayName("skipping blank lines while counting them for line numbers and not for row numbers")
        void blankLines() throws IOException {
            Dataset dataset = load("t.jsonl", "\n{\"id\": 1}\n   \n\n{\"id\": 2}\n\n");

            assertThat(dataset.rows()).extracting(DatasetRow::location).containsExactly("line 2", "line 5");
            assertThat(dataset.rows()).extracting(DatasetRow::rowNumber).containsExactly(1, 2);
        }

        @Test
        @DisplayName("with CRLF line ends and a byte order mark")
        void crlfAndBom() throws IOException {
            Dataset dataset = load("t.jsonl", "\uFEFF{\"id\": \"a\"}\r\n{\"id\": \"b\"}\r\n");

            assertThat(dataset.columns()).containsExactly("id");
            assertThat(dataset.rows()).extracting(row -> row.text("id")).containsExactly("a", "b");
        }

        @Test
        @DisplayName("collecting columns from all rows in first-seen order, each row in that order")
        void columnUnion() throws IOException {
            Dataset dataset = load("t.jsonl", "{\"b\": 1, \"a\": 2}\n{\"c\": 3, \"a\": 4}\n");

            assertThat(dataset.columns()).containsExactly("b", "a", "c");
            assertThat(dataset.rows().get(1).values().keySet()).containsExactly("a", "c");
            assertThat(dataset.rows().get(1).has("b")).isFalse();
        }

        @Test
        @DisplayName("keeping non-ASCII text intact")
        void unicode() throws IOException {
            assertThat(load("t.jsonl", "{\"q\": \"Où est la gare ? 駅はどこ\"}\n").rows().get(0).text("q"))
                    .isEqualTo("Où est la gare ? 駅はどこ");
        }

        @Test
        @DisplayName("naming the file line of a malformed line")
        void malformedLine() throws IOException {
            assertFails("t.jsonl", "{\"id\": 1}\n\n{\"id\": 2\n",
                    "Configuration error: dataset [t.jsonl] line 3 is not a JSON object: "
                            + "Unexpected end-of-input: expected close marker for Object. Fix that line.");
        }

        @Test
        @DisplayName("rejecting a line that is JSON but not an object")
        void notAnObject() throws IOException {
            assertFails("t.jsonl", "{\"a\": 1}\n[1, 2]\n",
                    "Configuration error: dataset [t.jsonl] line 2 is not a JSON object: found an array. Fix that line.");
        }

        @Test
        @DisplayName("rejecting an array of values that are not objects, naming line and column")
        void arrayOfNumbers() throws IOException {
            // A first line that is an array is read as an array of examples, as the seeds show datasets.
            assertFails("t.jsonl", "[1, 2]\n", "Configuration error: dataset [t.jsonl] at line 1:2 is not a JSON object:"
                    + " found a number. Give each example as a JSON object.");
        }

        @Test
        @DisplayName("rejecting two objects on one line")
        void twoValues() throws IOException {
            assertFails("t.jsonl", "{\"a\": 1} {\"a\": 2}\n",
                    "Configuration error: dataset [t.jsonl] line 1 is not a JSON object: it holds more than one JSON value. Fix that line.");
        }

        @Test
        @DisplayName("rejecting a key given twice")
        void duplicateKey() throws IOException {
            assertFails("t.jsonl", "{\"a\": 1, \"a\": 2}\n",
                    "Configuration error: dataset [t.jsonl] line 1 is not a JSON object: Duplicate field 'a'. Fix that line.");
        }
    }

    @Nested
    @DisplayName("reads CSV")
    class Csv {

        @Test
        @DisplayName("with a header row, every cell a String")
        void simple() throws IOException {
            Dataset dataset = load("t.csv", "id,score\nq1,7\nq2,8\n");

            assertThat(dataset.columns()).containsExactly("id", "score");
            assertThat(dataset.rows().get(1).values()).containsExactly(entry("id", "q2"), entry("score", "8"));
            assertThat(dataset.rows()).extracting(DatasetRow::location).containsExactly("line 2", "line 3");
            assertThat(dataset.rows()).extracting(DatasetRow::rowNumber).containsExactly(1, 2);
        }

        @Test
        @DisplayName("with quoted fields holding commas, doubled quotes and line breaks")
        void quotedFields() throws IOException {
            Dataset dataset = load("t.csv",
                    "id,text\n\"q1\",\"Hello, world\"\nq2,\"She said \"\"hi\"\"\"\nq3,\"line one\nline two\"\nq4,\"\"\n");

            assertThat(dataset.rows()).extracting(row -> row.text("text"))
                    .containsExactly("Hello, world", "She said \"hi\"", "line one\nline two", "");
        }

        @Test
        @DisplayName("counting lines inside quoted fields for later line numbers")
        void lineNumbersAfterEmbeddedNewline() throws IOException {
            Dataset dataset = load("t.csv", "id,text\nq1,\"a\nb\nc\"\nq2,d\n");

            assertThat(dataset.rows()).extracting(DatasetRow::location).containsExactly("line 2", "line 5");
        }

        @Test
        @DisplayName("with CRLF line ends, keeping a CRLF inside quotes")
        void crlf() throws IOException {
            Dataset dataset = load("t.csv", "id,text\r\nq1,\"a\r\nb\"\r\nq2,c\r\n");

            assertThat(dataset.rows()).extracting(row -> row.text("text")).containsExactly("a\r\nb", "c");
            assertThat(dataset.rows()).extracting(DatasetRow::location).containsExactly("line 2", "line 4");
        }

        @Test
        @DisplayName("stripping a byte order mark from the first column's name")
        void bom() throws IOException {
            Dataset dataset = load("t.csv", "\uFEFFid,text\nq1,x\n");

            assertThat(dataset.columns()).containsExactly("id", "text");
            assertThat(dataset.rows().get(0).text("id")).isEqualTo("q1");
        }

        @Test
        @DisplayName("trimming header names but keeping cells as written")
        void trimming() throws IOException {
            Dataset dataset = load("t.csv", "id, question \nq1, padded \n");

            assertThat(dataset.columns()).containsExactly("id", "question");
            assertThat(dataset.rows().get(0).text("question")).isEqualTo(" padded ");
        }

        @Test
        @DisplayName("with empty fields, including a trailing one, and no final line break")
        void emptyFields() throws IOException {
            Dataset dataset = load("t.csv", "a,b,c\n,,\n1,,");

            assertThat(dataset.rows()).extracting(DatasetRow::values).containsExactly(
                    Map.of("a", "", "b", "", "c", ""),
                    Map.of("a", "1", "b", "", "c", ""));
        }

        @Test
        @DisplayName("skipping empty lines between rows")
        void emptyLines() throws IOException {
            Dataset dataset = load("t.csv", "id\n\nq1\n\n\nq2\n\n");

            assertThat(dataset.rows()).extracting(row -> row.text("id")).containsExactly("q1", "q2");
            assertThat(dataset.rows()).extracting(DatasetRow::location).containsExactly("line 3", "line 6");
        }

        @Test
        @DisplayName("rejecting a row with more fields than the header")
        void raggedLong() throws IOException {
            assertFails("t.csv", "id,question\nq1,ok\nq2,Paris, France\n",
                    "Configuration error: dataset [t.csv] line 3 has 3 fields but the header has 2. Quote fields that contain commas.");
        }

        @Test
        @DisplayName("rejecting a row with fewer fields than the header, counting lines inside quotes")
        void raggedShort() throws IOException {
            assertFails("t.csv", "id,question,answer\nq1,\"two\nlines\",a\nq2,b\n",
                    "Configuration error: dataset [t.csv] line 4 has 2 fields but the header has 3. Quote fields that contain commas.");
        }

        @Test
        @DisplayName("rejecting a quote that is never closed, naming the line where it opens")
        void unclosedQuote() throws IOException {
            assertFails("t.csv", "id,text\nq1,\"never\nclosed\n",
                    "Configuration error: dataset [t.csv] line 2 has a quoted field that is never closed. Close it with a double quote.");
        }

        @Test
        @DisplayName("rejecting text after a closing quote")
        void textAfterQuote() throws IOException {
            assertFails("t.csv", "id,text\nq1,\"say \"hi\" now\"\n",
                    "Configuration error: dataset [t.csv] line 2 has text after the closing quote of a field. "
                            + "Write a quote inside a quoted field as two quotes (\"\").");
        }

        @Test
        @DisplayName("keeping a quote inside an unquoted field as text")
        void quoteInsidePlainField() throws IOException {
            assertThat(load("t.csv", "id,text\nq1,5\" screen\n").rows().get(0).text("text")).isEqualTo("5\" screen");
        }

        @Test
        @DisplayName("keeping spaces around the first cell and a line of spaces as a row")
        void spacesKept() throws IOException {
            Dataset dataset = load("t.csv", "id\n q1 \n  \n");

            assertThat(dataset.rows()).extracting(row -> row.text("id")).containsExactly(" q1 ", "  ");
        }

        @Test
        @DisplayName("keeping a quoted empty field on a line of its own as a row")
        void quotedEmptyLine() throws IOException {
            Dataset dataset = load("t.csv", "id\n\"\"\n\nq2\n");

            assertThat(dataset.rows()).extracting(row -> row.text("id")).containsExactly("", "q2");
            assertThat(dataset.rows()).extracting(DatasetRow::location).containsExactly("line 2", "line 4");
        }

        @Test
        @DisplayName("with CR line ends and no final line break")
        void crOnly() throws IOException {
            Dataset dataset = load("t.csv", "id,text\rq1,a\r\rq2,b");

            assertThat(dataset.rows()).extracting(row -> row.text("text")).containsExactly("a", "b");
            assertThat(dataset.rows()).extracting(DatasetRow::location).containsExactly("line 2", "line 4");
        }

        @Test
        @DisplayName("rejecting a quote that is never closed in a later field, naming the line where it opens")
        void unclosedQuoteAfterMultilineField() throws IOException {
            assertFails("t.csv", "id,a,b\nq1,\"x\ny\",\"never\nclosed\n",
                    "Configuration error: dataset [t.csv] line 3 has a quoted field that is never closed. Close it with a double quote.");
        }

        @Test
        @DisplayName("rejecting a column named twice in the header")
        void duplicateColumn() throws IOException {
            assertFails("t.csv", "id,text,id\n1,2,3\n",
                    "Configuration error: dataset [t.csv] has the column [id] twice in its header. Give each column its own name.");
        }
    }

    @Nested
    @DisplayName("rejects a dataset without examples")
    class Empty {

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {"", "\n\n", "  \n"})
        @DisplayName("a JSON Lines file with no objects")
        void emptyJsonLines(String content) throws IOException {
            assertFails("e.jsonl", content,
                    "Configuration error: dataset [e.jsonl] has no rows. Add at least one example.");
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {"", "id,question\n", "\uFEFFid,question\r\n\r\n"})
        @DisplayName("a CSV file with at most a header")
        void emptyCsv(String content) throws IOException {
            assertFails("e.csv", content,
                    "Configuration error: dataset [e.csv] has no rows. Add at least one example.");
        }
    }

    @Nested
    @DisplayName("hands each row to the plan's checks once, as it reads the dataset")
    class EachRow {

        private List<String> handed(String reference) {
            List<String> rows = new ArrayList<>();
            loader().load(reference, row -> rows.add(row.rowNumber() + " " + row.location() + " " + row.text("id")));
            return rows;
        }

        @Test
        @DisplayName("from a JSON Lines file on disk, read once through: row numbers, locations and cells")
        void jsonLinesOnDisk() throws IOException {
            Files.writeString(dir.resolve("d.jsonl"), "{\"id\":\"a\"}\n\n{\"q\":\"x\",\"id\":2}\n");

            assertThat(handed("d.jsonl")).containsExactly("1 line 1 a", "2 line 3 2");
        }

        @Test
        @DisplayName("from a pretty-printed JSON file, which is read whole, and from a CSV file")
        void readWhole() throws IOException {
            Files.writeString(dir.resolve("p.jsonl"), "{\n  \"id\": \"a\"\n}\n{\n  \"id\": \"b\"\n}\n");
            Files.writeString(dir.resolve("c.csv"), "id,q\nc1,x\nc2,y\n");

            assertThat(handed("p.jsonl")).containsExactly("1 line 1 a", "2 line 4 b");
            assertThat(handed("c.csv")).containsExactly("1 line 2 c1", "2 line 3 c2");
        }

        @Test
        @DisplayName("from several files given as one dataset, each row located in its file, numbered across them")
        void severalFiles() throws IOException {
            Files.writeString(dir.resolve("a.jsonl"), "{\"id\":\"a1\"}\n");
            Files.writeString(dir.resolve("b.csv"), "id\nb1\nb2\n");

            assertThat(handed("a.jsonl, b.csv"))
                    .containsExactly("1 a.jsonl line 1 a1", "2 b.csv line 2 b1", "3 b.csv line 3 b2");
        }

        @Test
        @DisplayName("none, when a line is not a JSON object: the load fails first, naming it")
        void failsFirst() throws IOException {
            Files.writeString(dir.resolve("bad.jsonl"), "{\"id\":1}\n[2]\n");
            List<DatasetRow> rows = new ArrayList<>();

            assertThatThrownBy(() -> loader().load("bad.jsonl", rows::add))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("line 2 is not a JSON object");
        }
    }

    @Test
    @DisplayName("rejects a file that is not UTF-8")
    void notUtf8() throws IOException {
        Files.write(dir.resolve("latin1.csv"), "id,text\nq1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> loader().load("latin1.csv"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: dataset [latin1.csv] is not UTF-8 text. Save it as UTF-8.");
    }
}
