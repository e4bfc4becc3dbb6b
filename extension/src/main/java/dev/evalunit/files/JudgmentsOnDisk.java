package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import org.apiguardian.api.API;

/**
 * The judgments of a judgments file, read from it on demand: the list holds each line's offset (8 bytes a
 * judgment) and no {@link Judgment}. {@link #get} reads and parses one line; iteration (and
 * {@link #stream()}) reads the file in order, a block of lines at a time, and keeps no file open between
 * two calls. Immutable, as the file must stay: the list is valid as long as the file is unchanged.
 */
@API(status = INTERNAL, since = "0.1")
public final class JudgmentsOnDisk extends PairwiseResult.StoredJudgments {

    /** Bytes read at once while iterating: whole lines, at least one. */
    private static final int BLOCK_BYTES = 1 << 18;

    private final Path file;
    private final long[] offsets;
    private final List<String> idColumns;
    private final String humanPreferenceColumn;

    /**
     * @param offsets where each line starts, then where the last one ends (one more than the judgments)
     * @param idColumns the keys read as ids, in order
     */
    JudgmentsOnDisk(Path file, long[] offsets, List<String> idColumns, String humanPreferenceColumn) {
        this.file = file;
        this.offsets = offsets;
        this.idColumns = List.copyOf(idColumns);
        this.humanPreferenceColumn = humanPreferenceColumn;
    }

    /** The file the judgments are read from. */
    public Path file() {
        return file;
    }

    @Override
    public int size() {
        return offsets.length - 1;
    }

    @Override
    public Judgment get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("judgment " + index + " of " + size());
        }
        ByteBuffer line = read(offsets[index], offsets[index + 1]);
        return parse(index, line.array(), 0, line.limit());
    }

    @Override
    public Iterator<Judgment> iterator() {
        return new InOrder();
    }

    @Override
    public Spliterator<Judgment> spliterator() {
        return Spliterators.spliterator(iterator(), size(),
                Spliterator.ORDERED | Spliterator.SIZED | Spliterator.NONNULL | Spliterator.IMMUTABLE);
    }

    private Judgment parse(int index, byte[] bytes, int from, int to) {
        String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        return JudgmentsReader.judgment(file, index + 1, text, idColumns, humanPreferenceColumn);
    }

    private ByteBuffer read(long from, long to) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(to - from));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, from + buffer.position()) < 0) {
                    throw new IOException("the file ends before judgment's end at byte " + to + "; was it changed?");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read judgments file [" + file + "]", e);
        }
        buffer.flip();
        return buffer;
    }

    /** Reads the lines in order, a block of whole lines at a time. */
    private final class InOrder implements Iterator<Judgment> {
        private int next;
        private int blockEnd;
        private long blockStart;
        private ByteBuffer block;

        @Override
        public boolean hasNext() {
            return next < size();
        }

        @Override
        public Judgment next() {
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
            Judgment judgment = parse(next, block.array(), from, to);
            next++;
            return judgment;
        }
    }
}
