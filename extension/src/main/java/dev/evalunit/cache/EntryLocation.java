package dev.evalunit.cache;

import java.nio.file.Path;

/**
 * Where one entry's line is in a segment file.
 *
 * @param line 1-based, for people: messages name it
 */
record EntryLocation(Path segment, long offset, int length, int line) {

    @Override
    public String toString() {
        return segment + " line " + line;
    }
}
