package dev.evalunit.cache;

import java.nio.file.Path;

/**
 * How much of one segment file the index holds: its first {@link #covered} bytes, which are
 * {@link #lines} whole lines, the last of them starting at {@link #lastLineOffset}, and the lines
 * among them that are not entries. A saved index names this for every segment, so that a later run
 * scans only what was appended since, and can tell a segment that changed otherwise (shorter, or
 * another last line) and rebuild. Not thread safe: {@link SegmentIndex} guards it.
 */
final class SegmentCoverage {

    final Path segment;
    long covered;
    int lines;
    long lastLineOffset;
    int unkeyed;
    /** The first line that is not an entry, or {@code null}. */
    EntryLocation firstUnkeyed;

    SegmentCoverage(Path segment) {
        this.segment = segment;
    }

    /** Counts the whole line of {@code length} bytes at {@code offset}, the {@code line}-th. */
    void line(long offset, int length, int line) {
        lastLineOffset = offset;
        covered = offset + length;
        lines = line;
    }

    /** Counts a whole line that is not an entry. */
    void unkeyed(long offset, int length, int line) {
        if (unkeyed++ == 0) {
            firstUnkeyed = new EntryLocation(segment, offset, length, line);
        }
    }
}
