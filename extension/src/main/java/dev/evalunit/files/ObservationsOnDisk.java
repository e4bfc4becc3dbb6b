package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.RowResult;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Spliterator;
import org.apiguardian.api.API;

/**
 * The rows of an observations file, read from it on demand ({@link LinesOnDisk}): the list holds each line's
 * offset (8 bytes a row) and no {@link RowResult}. {@link #get} reads and parses one line; iteration (and
 * {@link #stream()}) reads the file in order, a block of lines at a time. Immutable, as the file must stay: the
 * list is valid as long as the file is unchanged.
 */
@API(status = INTERNAL, since = "0.1")
public final class ObservationsOnDisk extends ExperimentResult.StoredRows {

    private final LinesOnDisk lines;

    ObservationsOnDisk(LinesOnDisk lines) {
        this.lines = lines;
    }

    /** The file the rows are read from. */
    public Path file() {
        return lines.file();
    }

    @Override
    public int size() {
        return lines.size();
    }

    @Override
    public RowResult get(int index) {
        return parse(index, lines.get(index));
    }

    @Override
    public Iterator<RowResult> iterator() {
        return lines.iterator(this::parse);
    }

    @Override
    public Spliterator<RowResult> spliterator() {
        return LinesOnDisk.spliterator(iterator(), size());
    }

    private RowResult parse(int index, String text) {
        return ObservationsFile.row(lines.file(), index + 1, text);
    }
}
