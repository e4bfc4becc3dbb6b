package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseResult;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import org.apiguardian.api.API;

/**
 * The judgments of a judgments file, read from it on demand ({@link LinesOnDisk}): the list holds each line's
 * offset (8 bytes a judgment) and no {@link Judgment}. {@link #get} reads and parses one line; iteration (and
 * {@link #stream()}) reads the file in order, a block of lines at a time, and keeps no file open between
 * two calls. Immutable, as the file must stay: the list is valid as long as the file is unchanged.
 */
@API(status = INTERNAL, since = "0.1")
public final class JudgmentsOnDisk extends PairwiseResult.StoredJudgments {

    static final String KIND = "judgments file";

    private final LinesOnDisk lines;
    private final List<String> idColumns;
    private final String humanPreferenceColumn;

    /** @param idColumns the keys read as ids, in order */
    JudgmentsOnDisk(LinesOnDisk lines, List<String> idColumns, String humanPreferenceColumn) {
        this.lines = lines;
        this.idColumns = List.copyOf(idColumns);
        this.humanPreferenceColumn = humanPreferenceColumn;
    }

    /** The file the judgments are read from. */
    public Path file() {
        return lines.file();
    }

    @Override
    public int size() {
        return lines.size();
    }

    @Override
    public Judgment get(int index) {
        return parse(index, lines.get(index));
    }

    @Override
    public Iterator<Judgment> iterator() {
        return lines.iterator(this::parse);
    }

    @Override
    public Spliterator<Judgment> spliterator() {
        return LinesOnDisk.spliterator(iterator(), size());
    }

    private Judgment parse(int index, String text) {
        return JudgmentsReader.judgment(lines.file(), index + 1, text, idColumns, humanPreferenceColumn);
    }
}
