package dev.evalunit.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.evalunit.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("IdColumns")
class IdColumnsTest {

    /** A dataset whose rows sit on lines 1, 2, 3... with the given (column, value, column, value...) cells. */
    private static Dataset dataset(List<String> columns, Object[]... rows) {
        List<DatasetRow> datasetRows = new ArrayList<>();
        for (Object[] cells : rows) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < cells.length; i += 2) {
                values.put((String) cells[i], cells[i + 1]);
            }
            datasetRows.add(new DatasetRow(datasetRows.size() + 1, values));
        }
        return new Dataset("qa.jsonl", columns, datasetRows);
    }

    private static Object[] cells(Object... cells) {
        return cells;
    }

    @Nested
    @DisplayName("checkIds")
    class CheckIds {

        @Test
        @DisplayName("accepts unique ids")
        void unique() {
            Dataset dataset = dataset(List.of("id"), cells("id", "q1"), cells("id", "q2"));

            assertThatCode(() -> IdColumns.checkIds(dataset, List.of("id"))).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("tells ids over several columns apart where their texts only differ in where they split")
        void severalColumnsSplitDifferently() {
            Dataset dataset = dataset(List.of("a", "b"), cells("a", "ab", "b", "c"), cells("a", "a", "b", "bc"),
                    cells("a", "", "b", "abc"), cells("a", "abc", "b", ""));

            assertThatCode(() -> IdColumns.checkIds(dataset, List.of("a", "b"))).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("finds a duplicate among many unique ids, with its lines")
        void oneDuplicateAmongMany() {
            Object[][] rows = new Object[5000][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = cells("id", "q" + (i == 4321 ? 17 : i));
            }
            Dataset dataset = dataset(List.of("id"), rows);

            assertThatThrownBy(() -> IdColumns.checkIds(dataset, List.of("id")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: dataset [qa.jsonl] has duplicate ids over [id]: "
                            + "q17 (line 18, line 4322). Make each example's ids unique.");
        }

        @Test
        @DisplayName("checks nothing when there are no id columns")
        void noIdColumns() {
            Dataset dataset = dataset(List.of("id"), cells("id", "q1"), cells("id", "q1"));

            assertThatCode(() -> IdColumns.checkIds(dataset, List.of())).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("rejects an id column the dataset lacks, listing the columns")
        void missingColumn() {
            Dataset dataset = dataset(List.of("a", "b", "c"), cells("a", 1, "b", 2, "c", 3));

            assertThatThrownBy(() -> IdColumns.checkIds(dataset, List.of("a", "x")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: id column [x] is not in dataset [qa.jsonl]. Columns: a, b, c.");
        }

        @Test
        @DisplayName("names duplicated ids with the lines they are on")
        void duplicates() {
            Dataset dataset = dataset(List.of("id"), cells("id", "q1"), cells("id", "q2"), cells("id", "q7"),
                    cells("id", "q1"), cells("id", "q7"), cells("id", "q1"));

            assertThatThrownBy(() -> IdColumns.checkIds(dataset, List.of("id")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: dataset [qa.jsonl] has duplicate ids over [id]: "
                            + "q1 (line 1, line 4, line 6), q7 (line 3, line 5). Make each example's ids unique.");
        }

        @Test
        @DisplayName("shows at most five duplicated ids and counts the rest")
        void manyDuplicates() {
            List<Object[]> rows = new ArrayList<>();
            for (int copy = 0; copy < 2; copy++) {
                for (int id = 1; id <= 7; id++) {
                    rows.add(cells("id", "q" + id));
                }
            }
            Dataset dataset = dataset(List.of("id"), rows.toArray(Object[][]::new));

            assertThatThrownBy(() -> IdColumns.checkIds(dataset, List.of("id")))
                    .hasMessage("Configuration error: dataset [qa.jsonl] has duplicate ids over [id]: "
                            + "q1 (line 1, line 8), q2 (line 2, line 9), q3 (line 3, line 10), q4 (line 4, line 11), q5 (line 5, line 12) "
                            + "and 2 more. Make each example's ids unique.");
        }

        @Test
        @DisplayName("compares several id columns together, showing each id as column=value")
        void severalColumns() {
            Dataset dataset = dataset(List.of("doc", "q"), cells("doc", "d1", "q", 1), cells("doc", "d1", "q", 2),
                    cells("doc", "d2", "q", 1), cells("doc", "d1", "q", 2));

            assertThatThrownBy(() -> IdColumns.checkIds(dataset, List.of("doc", "q")))
                    .hasMessage("Configuration error: dataset [qa.jsonl] has duplicate ids over [doc, q]: "
                            + "doc=d1/q=2 (line 2, line 4). Make each example's ids unique.");
        }

        @Test
        @DisplayName("compares ids as text, so the number 1 and the string \"1\" collide")
        void idsCompareAsText() {
            Dataset dataset = dataset(List.of("id"), cells("id", 1), cells("id", "1"));

            assertThatThrownBy(() -> IdColumns.checkIds(dataset, List.of("id")))
                    .hasMessage("Configuration error: dataset [qa.jsonl] has duplicate ids over [id]: "
                            + "1 (line 1, line 2). Make each example's ids unique.");
        }

        @Test
        @DisplayName("rejects a row without a value in an id column")
        void missingValue() {
            Map<String, Object> nullId = new HashMap<>();
            nullId.put("id", null);
            Dataset dataset = new Dataset("qa.jsonl", List.of("id"), List.of(
                    new DatasetRow(1, Map.of("id", "q1")), new DatasetRow(2, Map.of()), new DatasetRow(3, nullId)));

            assertThatThrownBy(() -> IdColumns.checkIds(dataset, List.of("id")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: dataset [qa.jsonl] line 2 has no value for id column [id]. Give every example an id.");
            assertThatThrownBy(() -> IdColumns.checkIds(
                            new Dataset("qa.jsonl", List.of("id"), List.of(new DatasetRow(3, nullId))), List.of("id")))
                    .hasMessageContaining("line 3 has no value for id column [id]");
        }
    }

    @Nested
    @DisplayName("idsOf")
    class IdsOf {

        @Test
        @DisplayName("gives the id values in id column order, keeping their type")
        void values() {
            DatasetRow row = new DatasetRow(1, Map.of("q", 7, "doc", "d1", "text", "ignored"));

            assertThat(IdColumns.idsOf(row, List.of("doc", "q"))).containsExactly(entry("doc", "d1"), entry("q", 7));
        }

        @Test
        @DisplayName("without id columns gives the row's position under the key row")
        void rowPosition() {
            DatasetRow row = new DatasetRow("line 5", Map.of("text", "x"), 3);

            assertThat(IdColumns.idsOf(row, List.of())).containsExactly(entry("row", 3));
        }
    }

    @Test
    @DisplayName("on a loaded JSON Lines file reports numeric ids at their file lines")
    void loadedFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("qa.jsonl"), "{\"id\": 1}\n\n{\"id\": 2}\n{\"id\": 1}\n");
        Dataset dataset = new DatasetLoader(getClass().getClassLoader(), dir).load("qa.jsonl");

        assertThat(IdColumns.idsOf(dataset.rows().get(2), List.of("id"))).containsExactly(entry("id", 1));
        assertThat(IdColumns.idsOf(dataset.rows().get(2), List.of())).containsExactly(entry("row", 3));
        assertThatThrownBy(() -> IdColumns.checkIds(dataset, List.of("id")))
                .hasMessage("Configuration error: dataset [qa.jsonl] has duplicate ids over [id]: "
                        + "1 (line 1, line 4). Make each example's ids unique.");
    }
}
