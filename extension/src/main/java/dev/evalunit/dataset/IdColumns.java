package dev.evalunit.dataset;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/** The columns that identify an example (AutoSxS {@code id_columns}): checks them and reads them from rows. */
@API(status = INTERNAL, since = "0.1")
public final class IdColumns {

    /** The key that identifies a row when the evaluation names no id columns. */
    public static final String ROW_KEY = "row";

    private static final int MAX_DUPLICATES_SHOWN = 5;

    private IdColumns() {}

    /**
     * Fails unless every id column exists, every row has a value in each, and no two rows share their
     * ids. Ids compare as text, so the JSON number {@code 1} and the string {@code "1"} are the same id:
     * that is how reports show them. With no id columns there is nothing to check. Reads every row; a plan
     * checks them as the dataset is loaded instead ({@link #check}).
     */
    public static void checkIds(Dataset dataset, List<String> idColumns) {
        Check check = check(idColumns);
        dataset.rows().forEach(check);
        check.finish(dataset);
    }

    /**
     * The check of {@link #checkIds}, made of the rows as they are read ({@link DatasetLoader#load(String,
     * java.util.function.Consumer)}), then {@linkplain Check#finish finished} with the dataset.
     */
    public static Check check(List<String> idColumns) {
        return new Check(idColumns);
    }

    /**
     * What the id check keeps of the rows as they go by: a 64-bit hash of each row's ids (8 bytes a row, so that
     * memory does not grow with the rows themselves) and the first row without one of its ids. Not thread safe.
     */
    public static final class Check implements Consumer<DatasetRow> {

        private final List<String> idColumns;
        private long[] hashes = new long[1024];
        private int rows;
        private String firstMissing;

        private Check(List<String> idColumns) {
            this.idColumns = List.copyOf(idColumns);
        }

        @Override
        public void accept(DatasetRow row) {
            if (idColumns.isEmpty()) {
                return;
            }
            if (firstMissing == null) {
                for (String column : idColumns) {
                    if (row.get(column) == null) {
                        firstMissing = row.location() + " has no value for id column [" + column + "]";
                        break;
                    }
                }
            }
            if (rows == hashes.length) {
                hashes = Arrays.copyOf(hashes, rows * 2);
            }
            hashes[rows++] = hash(idOf(row, idColumns));
        }

        /**
         * Fails, naming the culprit, when an id column is not in {@code dataset} (the one whose rows this check
         * saw), a row has no value in one, or two rows share their ids; the last reads again only the rows whose
         * hash another row shares.
         */
        public void finish(Dataset dataset) {
            for (String column : idColumns) {
                if (!dataset.hasColumn(column)) {
                    throw new ConfigurationException("id column [" + column + "] is not in dataset ["
                            + dataset.source() + "]. Columns: " + dataset.columnList() + ".");
                }
            }
            if (idColumns.isEmpty()) {
                return;
            }
            if (firstMissing != null) {
                throw new ConfigurationException("dataset [" + dataset.source() + "] " + firstMissing
                        + ". Give every example an id.");
            }
            long[] seen = Arrays.copyOf(hashes, rows);
            long[] shared = sharedHashes(seen);
            if (shared.length > 0) {
                checkDuplicates(dataset, idColumns, seen, shared);
            }
        }
    }

    private static void checkDuplicates(Dataset dataset, List<String> idColumns, long[] hashes, long[] shared) {
        Map<List<String>, List<String>> locationsById = new LinkedHashMap<>();
        int index = 0;
        for (DatasetRow row : dataset.rows()) {
            if (Arrays.binarySearch(shared, hashes[index++]) >= 0) {
                locationsById.computeIfAbsent(idOf(row, idColumns), k -> new ArrayList<>()).add(row.location());
            }
        }
        List<String> duplicates = locationsById.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1)
                .map(entry -> display(idColumns, entry.getKey()) + " (" + String.join(", ", entry.getValue()) + ")")
                .toList();
        if (duplicates.isEmpty()) {
            return;
        }
        String shown = String.join(", ", duplicates.subList(0, Math.min(MAX_DUPLICATES_SHOWN, duplicates.size())));
        String more = duplicates.size() > MAX_DUPLICATES_SHOWN
                ? " and " + (duplicates.size() - MAX_DUPLICATES_SHOWN) + " more"
                : "";
        throw new ConfigurationException("dataset [" + dataset.source() + "] has duplicate ids over ["
                + String.join(", ", idColumns) + "]: " + shown + more + ". Make each example's ids unique.");
    }

    /**
     * The row's id values, keyed by id column in the order given; values keep their loaded type.
     * With no id columns the row is identified by its 1-based position among the dataset's rows
     * ({@link DatasetRow#rowNumber()}) under the key {@value #ROW_KEY}, so every judgment still has an id.
     */
    public static Map<String, Object> idsOf(DatasetRow row, List<String> idColumns) {
        Map<String, Object> ids = new LinkedHashMap<>();
        if (idColumns.isEmpty()) {
            ids.put(ROW_KEY, row.rowNumber());
        } else {
            for (String column : idColumns) {
                ids.put(column, row.get(column));
            }
        }
        return Collections.unmodifiableMap(ids);
    }

    private static List<String> idOf(DatasetRow row, List<String> idColumns) {
        List<String> id = new ArrayList<>(idColumns.size());
        for (String column : idColumns) {
            id.add(row.text(column));
        }
        return id;
    }

    /** FNV-1a over each value's length and characters, so that {@code ["ab","c"]} and {@code ["a","bc"]} differ. */
    private static long hash(List<String> id) {
        long hash = 0xcbf29ce484222325L;
        for (String value : id) {
            hash = (hash ^ value.length()) * 0x100000001b3L;
            for (int i = 0; i < value.length(); i++) {
                hash = (hash ^ value.charAt(i)) * 0x100000001b3L;
            }
        }
        return hash;
    }

    /** The hashes that occur more than once, sorted; empty when every hash is unique. */
    private static long[] sharedHashes(long[] hashes) {
        long[] sorted = hashes.clone();
        Arrays.sort(sorted);
        int count = 0;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1] && (count == 0 || sorted[count - 1] != sorted[i])) {
                sorted[count++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, count);
    }

    /** One column: the id as is ({@code q1}); several: {@code a=1/b=2}. */
    private static String display(List<String> idColumns, List<String> id) {
        if (idColumns.size() == 1) {
            return id.get(0);
        }
        List<String> parts = new ArrayList<>(id.size());
        for (int i = 0; i < id.size(); i++) {
            parts.add(idColumns.get(i) + "=" + id.get(i));
        }
        return String.join("/", parts);
    }
}
