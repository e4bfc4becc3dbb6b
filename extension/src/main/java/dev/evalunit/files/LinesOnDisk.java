package dev.evalunit.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;

/**
 * The lines of a JSON Lines file, read from it on demand: this holds where each line starts (8 bytes a
 * line), not the lines. {@link #get} reads one line; {@link #iterator} reads them in order, a block of
 * whole lines at a time, and keeps no file open between two calls. Valid as long as the file is unchanged.
 * The reading under {@link JudgmentsOnDisk} and {@link ObservationsOnDisk}.
 */
final class LinesOnDisk {

    /** Reads one line as what a list of the file holds. */
    @FunctionalInterface
    interface Parser<T> {
        /** @param index the line's 0-based index */
        T parse(int index, String text);
    }

    /** Bytes read at once while iterating: whole lines, at least one. */
    private static final int BLOCK_BYTES = 1 << 18;

    private final Path file;
    private final long[] offsets;
    private final String kind;

    /**
     * @param offsets where each line starts, then where the last one ends (one more than the lines)
     * @param kind e.g. {@code judgments file}, for messages
     */
    LinesOnDisk(Path file, long[] offsets, String kind) {
        this.file = file;
        this.offsets = offsets;
        this.kind = kind;
    }

    Path file() {
        return file;
    }

    int size() {
        return offsets.length - 1;
    }

    /** Line {@code index} (0-based), with its line end. */
    String get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("line " + index + " of " + size());
        }
        ByteBuffer line = read(offsets[index], offsets[index + 1]);
        return new String(line.array(), 0, line.limit(), StandardCharsets.UTF_8);
    }

    /** The lines in order, each with its line end. */
    Iterator<String> iterator() {
        return new InOrder();
    }

    /** The lines in order, each parsed by {@code parser}: the iteration of a list that reads this file. */
    <T> Iterator<T> iterator(Parser<T> parser) {
        Iterator<String> texts = iterator();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return texts.hasNext();
            }

            @Override
            public T next() {
                return parser.parse(next++, texts.next());
            }
        };
    }

    /** The spliterator of a list that reads this file: in order, sized, immutable. */
    static <T> Spliterator<T> spliterator(Iterator<T> iterator, int size) {
        return Spliterators.spliterator(iterator, size,
                Spliterator.ORDERED | Spliterator.SIZED | Spliterator.NONNULL | Spliterator.IMMUTABLE);
    }

    private ByteBuffer read(long from, long to) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(to - from));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, from + buffer.position()) < 0) {
                    throw new IOException("the file ends before byte " + to + "; was it changed?");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + kind + " [" + file + "]", e);
        }
        buffer.flip();
        return buffer;
    }

    /** Reads the lines in order, a block of whole lines at a time. */
    private final class InOrder implements Iterator<String> {
        private int next;
        private int blockEnd;
        private long blockStart;
        private ByteBuffer block;

        @Override
        public boolean hasNext() {
            return next < size();
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (next == blockEnd) {
                int end = next + 1;
                while (end < size() && offsets[end + 1] - offsets[next] <= BLOCK_BYTES) {
                    end++;
                }
                blockStart = offsets[next];
                block = read(blockStart, offsets[end]);
                blockEnd = end;
            }
            int from = (int) (offsets[next] - blockStart);
            int to = (int) (offsets[next + 1] - blockStart);
            next++;
            return new String(block.array(), from, to - from, StandardCharsets.UTF_8);
        }
    }
}
