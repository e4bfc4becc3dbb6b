package dev.evalunit.dataset;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.DatasetRecord;
import dev.evalunit.api.spi.DatasetSource;
import dev.evalunit.config.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Loads a dataset through the one {@link DatasetSource} that accepts its reference: the engine's own
 * (JSON Lines and CSV files, looked up on the class path and then as files) and any other registered
 * in a {@code META-INF/services/dev.evalunit.api.spi.DatasetSource} file. A comma-separated list of
 * references is one dataset, its rows in list order. Every mistake is a
 * {@link ConfigurationException} naming the dataset.
 */
@API(status = INTERNAL, since = "0.1")
public final class DatasetLoader {

    /** The checks of {@link #load(String)}: none. */
    private static final Consumer<DatasetRow> NO_CHECKS = row -> { };

    private final ClassLoader classLoader;
    private final Path baseDirectory;
    private final DatasetSources sources;

    public DatasetLoader(ClassLoader classLoader, Path baseDirectory) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory");
        this.sources = DatasetSources.visibleFrom(classLoader);
    }

    public Dataset load(String reference) {
        return load(reference, NO_CHECKS);
    }

    /**
     * Loads the dataset and hands each of its rows to {@code eachRow} once, in order, as it is read: the checks
     * a plan makes of every row (its ids, its human preference) see a JSON Lines file on disk in the one pass
     * that reads it, instead of reading every row of it again. A row handed on holds its cells in its record's
     * order, not yet in the dataset's column order; its location and row number are the dataset's.
     */
    public Dataset load(String reference, Consumer<DatasetRow> eachRow) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(eachRow, "eachRow");
        List<String> parts = DatasetReferences.split(reference);
        int[] rowNumber = {0};
        // Without checks no row is made to be dropped: a JSON Lines file then makes no record of its lines either.
        Consumer<DatasetRecord> eachRecord = eachRow == NO_CHECKS ? FileDatasetSource.NO_RECORDS
                : record -> eachRow.accept(new DatasetRow(record.location(), record.values(), ++rowNumber[0]));
        // One source: its records as it gives them, which may be read on demand (JsonLinesFile).
        List<DatasetRecord> records = parts.size() > 1 ? joined(parts) : read(sources.accepting(reference), reference, eachRecord);
        if (parts.size() > 1) {
            records.forEach(eachRecord);
        }
        if (records.isEmpty()) {
            throw new ConfigurationException("dataset [" + reference + "] has no rows. Add at least one example.");
        }
        return dataset(reference, records);
    }

    /** Several files as one dataset (AutoSxS's comma-separated list), their rows in list order. */
    private List<DatasetRecord> joined(List<String> parts) {
        List<DatasetRecord> records = new ArrayList<>();
        for (String part : parts) {
            // Chosen before the lookup: a misspelt extension is better reported as such than as a missing file.
            DatasetSource source = sources.accepting(part);
            for (DatasetRecord record : read(source, part, FileDatasetSource.NO_RECORDS)) {
                // A location names its file.
                records.add(new DatasetRecord(part + " " + record.location(), record.values()));
            }
        }
        return records;
    }

    /** The source's records, each handed to {@code eachRecord} once (as the engine's own file sources read them). */
    private List<DatasetRecord> read(DatasetSource source, String reference, Consumer<DatasetRecord> eachRecord) {
        try {
            if (source instanceof FileDatasetSource file) {
                return file.load(reference, classLoader, baseDirectory, eachRecord);
            }
            List<DatasetRecord> records = source.load(reference, classLoader, baseDirectory);
            records.forEach(eachRecord);
            return records;
        } catch (ConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("dataset [" + reference + "] " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigurationException("dataset [" + reference + "] could not be read: " + e.getMessage()
                    + ". Check that it is readable.", e);
        }
    }

    /** Columns in first-seen order over all rows; every row follows that order, whatever its own. */
    private static Dataset dataset(String reference, List<DatasetRecord> records) {
        if (records instanceof JsonLinesFile file) {
            // Rows made when asked for: the file's rows are never all in memory at once.
            List<String> columns = file.columns();
            return new Dataset(reference, columns, new RowsOnDemand(file, columns));
        }
        Set<String> columnSet = new LinkedHashSet<>();
        records.forEach(record -> columnSet.addAll(record.values().keySet()));
        List<String> columns = List.copyOf(columnSet);
        List<DatasetRow> rows = new ArrayList<>(records.size());
        for (DatasetRecord record : records) {
            rows.add(row(record, columns, rows.size() + 1));
        }
        return new Dataset(reference, columns, rows);
    }

    /** The row of {@code record}, its cells in {@code columns}' order. */
    static DatasetRow row(DatasetRecord record, List<String> columns, int rowNumber) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String column : columns) {
            if (record.values().containsKey(column)) {
                ordered.put(column, record.values().get(column));
            }
        }
        return new DatasetRow(record.location(), ordered, rowNumber);
    }
}
