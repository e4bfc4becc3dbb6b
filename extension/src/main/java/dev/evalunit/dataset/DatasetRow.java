package dev.evalunit.dataset;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One example of a dataset.
 *
 * @param location where the example lives, as its source named it ({@code line 12} for the file
 *     sources, where a CSV header is line 1), so messages can point the user at it; see
 *     {@link dev.evalunit.api.spi.DatasetRecord} for the contract
 * @param values the cells in column order; JSONL cells keep their JSON type (String, Number, Boolean,
 *     {@code null}; nested objects and arrays as their JSON text), CSV cells are Strings
 * @param rowNumber the 1-based position of the example among the dataset's rows; for a file it differs
 *     from the line number when the file has a header or blank lines
 */
@API(status = INTERNAL, since = "0.1")
public record DatasetRow(String location, Map<String, Object> values, int rowNumber) {

    public DatasetRow {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(values, "values");
        // LinkedHashMap rather than Map.copyOf: it keeps the column order and allows JSON nulls.
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A row of a file built by hand, at {@code line <lineNumber>}, which is also its position. */
    public DatasetRow(int lineNumber, Map<String, Object> values) {
        this("line " + lineNumber, values, lineNumber);
    }

    /** The cell as loaded, or {@code null} when the row has no such column. */
    public Object get(String column) {
        return values.get(column);
    }

    /** The cell as text: a String as is, numbers and booleans via toString, {@code null} or missing as {@code ""}. */
    public String text(String column) {
        Object value = values.get(column);
        return value == null ? "" : value.toString();
    }

    /** Whether the row holds this column, even with a JSON {@code null} in it. */
    public boolean has(String column) {
        return values.containsKey(column);
    }
}
