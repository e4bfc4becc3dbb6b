package dev.evalunit.dataset;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The examples of an evaluation, as loaded.
 *
 * @param source the location the user gave, used in messages
 * @param columns every column that occurs in some row, in first-seen order
 * @param rows the examples in file order; a JSON Lines file's are read from it when asked for
 *     ({@code get(i)} reads and parses a line), so that a large dataset is not held in memory
 */
@API(status = INTERNAL, since = "0.1")
public record Dataset(String source, List<String> columns, List<DatasetRow> rows) {

    public Dataset {
        Objects.requireNonNull(source, "source");
        columns = List.copyOf(columns);
        // Rows read on demand stay so: copying them would hold them all.
        rows = rows instanceof RowsOnDemand ? rows : List.copyOf(rows);
    }

    public boolean hasColumn(String column) {
        return columns.contains(column);
    }

    public int size() {
        return rows.size();
    }

    /** The columns as messages list them: {@code a, b, c}. */
    public String columnList() {
        return columns.isEmpty() ? "(none)" : String.join(", ", columns);
    }
}
