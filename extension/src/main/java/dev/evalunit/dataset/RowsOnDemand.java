package dev.evalunit.dataset;

import dev.evalunit.api.spi.DatasetRecord;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** A dataset's rows made from its records when asked for, not held: see {@link JsonLinesFile}. Read-only. */
final class RowsOnDemand extends AbstractList<DatasetRow> implements RandomAccess {

    private final List<DatasetRecord> records;
    private final List<String> columns;

    RowsOnDemand(List<DatasetRecord> records, List<String> columns) {
        this.records = records;
        this.columns = columns;
    }

    @Override
    public DatasetRow get(int index) {
        return DatasetLoader.row(records.get(index), columns, index + 1);
    }

    @Override
    public int size() {
        return records.size();
    }
}
