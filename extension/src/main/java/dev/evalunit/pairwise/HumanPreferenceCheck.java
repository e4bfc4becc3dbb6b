package dev.evalunit.pairwise;

import dev.evalunit.api.pairwise.HumanPreference;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.dataset.DatasetRow;
import java.util.function.Consumer;

/**
 * The check of a dataset's human preference column, made of its rows as they are read
 * ({@link dev.evalunit.dataset.DatasetLoader#load(String, Consumer)}), then {@linkplain #finish finished}
 * with the dataset: the column exists, and every cell is empty (an example nobody labelled: the statistics
 * leave it out) or one of {@value HumanPreference#ACCEPTED}. Not thread safe.
 */
final class HumanPreferenceCheck implements Consumer<DatasetRow> {

    /** The column, or {@code null} when the evaluation names none. */
    private final String column;
    private String firstInvalid;

    HumanPreferenceCheck(String column) {
        this.column = column;
    }

    @Override
    public void accept(DatasetRow row) {
        if (column == null || firstInvalid != null) {
            return;
        }
        String value = row.text(column);
        if (!value.isBlank() && HumanPreference.parse(value).isEmpty()) {
            firstInvalid = "[" + value + "] at " + row.location();
        }
    }

    /** Fails, naming the column and the first wrong cell, unless the rows seen were all right. */
    void finish(Dataset dataset) {
        if (column == null) {
            return;
        }
        if (!dataset.hasColumn(column)) {
            throw new ConfigurationException("human preference column [" + column + "] is not in dataset ["
                    + dataset.source() + "]. Columns: " + String.join(", ", dataset.columns()) + ".");
        }
        if (firstInvalid != null) {
            throw new ConfigurationException("human preference column [" + column + "] has " + firstInvalid
                    + " of dataset [" + dataset.source() + "]. Use one of " + HumanPreference.ACCEPTED
                    + ", or leave the cell empty.");
        }
    }
}
