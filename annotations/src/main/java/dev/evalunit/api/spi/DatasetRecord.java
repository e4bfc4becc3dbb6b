package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One example as a {@link DatasetSource} read it: where it came from and its cells.
 *
 * <p><b>The location contract.</b> {@code location} says where the example lives, precisely enough
 * that a user can go and fix it, in words that read after "dataset [reference]" and after "at" in a
 * message: the built-in file sources give {@code line 12} (the line where the example starts, counting
 * a CSV header as line 1); a table would give {@code table people, row 12}, a folder of files
 * {@code file q03.txt}. The engine names it in every message about the example, for instance
 * {@code Configuration error: dataset [qa.csv] line 12 has no value for id column [id]. ...}.
 *
 * @param location where the example lives, never blank
 * @param values the cells by column, in the source's column order; a value is a String, a Number, a
 *     Boolean or {@code null} (a cell that is present but empty of value)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DatasetRecord(String location, Map<String, Object> values) {

    public DatasetRecord {
        Objects.requireNonNull(location, "location");
        if (location.isBlank()) {
            throw new IllegalArgumentException("A dataset record needs a location that names where it lives");
        }
        Objects.requireNonNull(values, "values");
        // LinkedHashMap rather than Map.copyOf: it keeps the column order and allows nulls.
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
