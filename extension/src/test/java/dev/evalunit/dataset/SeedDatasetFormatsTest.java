package dev.evalunit.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Datasets as the seeds show them")
class SeedDatasetFormatsTest {

    @TempDir
    Path dir;

    private Dataset load(String reference) {
        return new DatasetLoader(getClass().getClassLoader(), dir).load(reference);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("in a .jsonl file")
    class Shapes {

        @Test
        @DisplayName("pretty-printed objects one after another, each located by the line it starts on")
        void prettyPrinted() throws IOException {
            write("d.jsonl", "{\n  \"id\": \"q1\",\n  \"question\": \"Why?\"\n}\n{\n  \"id\": \"q2\",\n  \"question\": \"How?\"\n}\n");
            Dataset dataset = load("d.jsonl");
            assertThat(dataset.columns()).containsExactly("id", "question");
            assertThat(dataset.rows()).extracting(row -> row.text("id")).containsExactly("q1", "q2");
            assertThat(dataset.rows()).extracting(DatasetRow::location).containsExactly("line 1", "line 5");
        }

        @Test
        @DisplayName("one JSON array of objects")
        void array() throws IOException {
            write("d.jsonl", "[\n  {\"id\": \"q1\", \"n\": 1},\n  {\"id\": \"q2\", \"n\": 2}\n]\n");
            assertThat(load("d.jsonl").rows()).extracting(row -> row.text("id")).containsExactly("q1", "q2");
        }

        @Test
        @DisplayName("a mistake in a pretty-printed file is named by line and column")
        void mistake() throws IOException {
            write("d.jsonl", "{\n  \"id\": \"q1\"\n  \"question\": \"Why?\"\n}\n");
            assertThatThrownBy(() -> load("d.jsonl")).isInstanceOf(ConfigurationException.class).hasMessage(
                    "Configuration error: dataset [d.jsonl] is not valid JSON at line 3:3: Unexpected character ('\"'"
                            + " (code 34)): was expecting comma to separate Object entries. Fix it there: the file holds"
                            + " JSON Lines, JSON objects one after another, or one JSON array of objects.");
        }
    }

    @Nested
    @DisplayName("named by reference")
    class References {

        @Test
        @DisplayName("a comma-separated list of files is one dataset, each row naming its file")
        void severalFiles() throws IOException {
            write("a.jsonl", "{\"id\": \"a1\"}\n");
            write("b.jsonl", "{\"id\": \"b1\"}\n{\"id\": \"b2\"}\n");
            Dataset dataset = load("a.jsonl, b.jsonl");
            assertThat(dataset.rows()).extracting(row -> row.text("id")).containsExactly("a1", "b1", "b2");
            assertThat(dataset.rows()).extracting(DatasetRow::location).containsExactly("a.jsonl line 1", "b.jsonl line 1",
                    "b.jsonl line 2");
        }

        @Test
        @DisplayName("evalunit.datasets.NAME maps a name, or a cloud location, to a path")
        void named() {
            EvalConfig config = EvalConfig.of(Map.of("evalunit.datasets.qa_benchmark_v2", "data/qa.jsonl",
                    "evalunit.datasets.gs://b/x.jsonl", "x.jsonl"));
            assertThat(DatasetReferences.resolve(config, "qa_benchmark_v2")).isEqualTo("data/qa.jsonl");
            assertThat(DatasetReferences.resolve(config, "gs://b/x.jsonl,local.jsonl")).isEqualTo("x.jsonl,local.jsonl");
            assertThat(DatasetReferences.resolve(config, "plain.jsonl")).isEqualTo("plain.jsonl");
        }

        @Test
        @DisplayName("an unmapped bq:// table is refused, saying what to do")
        void bigQuery() {
            assertThatThrownBy(() -> DatasetReferences.resolve(EvalConfig.empty(), "bq://project.dataset.table"))
                    .hasMessage("Configuration error: dataset [bq://project.dataset.table] is a Google Cloud location, which"
                            + " evalunit does not read. Copy it to a file (e.g. gcloud storage cp, or bq extract as JSON Lines)"
                            + " and set evalunit.datasets.bq://project.dataset.table=<path of the copy>, keeping the JSON as it is.");
        }
    }
}
