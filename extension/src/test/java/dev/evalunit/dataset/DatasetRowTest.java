package dev.evalunit.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A dataset row")
class DatasetRowTest {

    private static DatasetRow row(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new DatasetRow(1, values);
    }

    @Nested
    @DisplayName("gives a cell as text")
    class Text {

        @Test
        @DisplayName("a String as is, numbers and booleans as written by toString")
        void scalars() {
            DatasetRow row = row("s", " padded ", "i", 42, "d", 2.5, "b", false);

            assertThat(List.of(row.text("s"), row.text("i"), row.text("d"), row.text("b")))
                    .containsExactly(" padded ", "42", "2.5", "false");
        }

        @Test
        @DisplayName("null and missing cells as an empty string")
        void nullAndMissing() {
            DatasetRow row = row("n", null);

            assertThat(row.text("n")).isEmpty();
            assertThat(row.text("absent")).isEmpty();
        }
    }

    @Test
    @DisplayName("has a column even when its cell is null, and not a column it lacks")
    void has() {
        DatasetRow row = row("n", null);

        assertThat(row.has("n")).isTrue();
        assertThat(row.get("n")).isNull();
        assertThat(row.has("absent")).isFalse();
    }

    @Test
    @DisplayName("keeps its values in the order given, unmodifiable and detached from the caller's map")
    void immutableOrderedValues() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("z", 1);
        source.put("a", 2);
        DatasetRow row = new DatasetRow(3, source);
        source.put("later", 3);

        assertThat(row.values().keySet()).containsExactly("z", "a");
        assertThatThrownBy(() -> row.values().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("built by hand is at its line number, which is also its row number")
    void handBuiltRowNumber() {
        assertThat(new DatasetRow(4, Map.of()).location()).isEqualTo("line 4");
        assertThat(new DatasetRow(4, Map.of()).rowNumber()).isEqualTo(4);
        assertThat(new DatasetRow("line 4", Map.of(), 2).rowNumber()).isEqualTo(2);
    }

    @Nested
    @DisplayName("belongs to a dataset that")
    class InDataset {

        private final Dataset dataset = new Dataset("d.csv", List.of("id", "text"),
                List.of(new DatasetRow("line 2", Map.of("id", "1", "text", "x"), 1)));

        @Test
        @DisplayName("knows its size and columns")
        void sizeAndColumns() {
            assertThat(dataset.size()).isEqualTo(1);
            assertThat(dataset.hasColumn("text")).isTrue();
            assertThat(dataset.hasColumn("Text")).isFalse();
        }

        @Test
        @DisplayName("lists its columns the way messages show them")
        void columnList() {
            assertThat(dataset.columnList()).isEqualTo("id, text");
            assertThat(new Dataset("e.jsonl", List.of(), List.of()).columnList()).isEqualTo("(none)");
        }
    }
}
