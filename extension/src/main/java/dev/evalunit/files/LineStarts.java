package dev.evalunit.files;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where each line of a JSON Lines file starts, as the lines are written or found, 8 bytes a line: what
 * {@link LinesOnDisk} reads the file by. Not thread-safe.
 */
final class LineStarts {

    private long[] offsets = new long[1024];
    private int count;

    /** The next line starts at byte {@code start}. */
    void add(long start) {
        if (count + 1 == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[count++] = start;
    }

    /** The lines added so far. */
    int count() {
        return count;
    }

    /**
     * The lines of {@code file}, read from it by these offsets.
     *
     * @param end where the last line ends (the file's length)
     * @param kind e.g. {@code judgments file}, for messages
     */
    LinesOnDisk lines(Path file, long end, String kind) {
        long[] starts = Arrays.copyOf(offsets, count + 1);
        starts[count] = end;
        return new LinesOnDisk(file, starts, kind);
    }
}
