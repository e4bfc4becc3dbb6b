package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.Judgment;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Writes a judgments file one line at a time, in the order given, with the codec of {@link JudgmentsFile}, and
 * remembers where each line starts. The lines go to {@code <file>.partial}; {@link #finish} moves it onto
 * the file and returns the judgments as a list that reads them back ({@link JudgmentsOnDisk}); {@link #close}
 * without {@code finish} deletes the partial file, so that a run that stops leaves no half-written file.
 * Not thread-safe: one writer at a time.
 */
@API(status = INTERNAL, since = "0.1")
public final class JudgmentsWriter implements Closeable {

    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final Path partial;
    private final String humanPreferenceColumn;
    private final SideNames sides;
    private final ByteCount bytes;
    private final Writer writer;
    private long[] offsets = new long[1024];
    private int count;
    private List<String> idColumns = List.of();
    private boolean finished;

    private JudgmentsWriter(Path file, String humanPreferenceColumn, SideNames sides) throws IOException {
        this.file = file;
        this.partial = file.resolveSibling(file.getFileName() + ".partial");
        this.humanPreferenceColumn = humanPreferenceColumn;
        this.sides = sides;
        this.bytes = new ByteCount(new BufferedOutputStream(Files.newOutputStream(partial), BUFFER_BYTES));
        this.writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
    }

    /**
     * @param file the judgments file to write (its directory exists)
     * @param humanPreferenceColumn written on every line when not {@code null}
     * @param sides the names written as {@code model_a} and {@code model_b} on every line, when given
     */
    public static JudgmentsWriter open(Path file, String humanPreferenceColumn, SideNames sides) throws IOException {
        return new JudgmentsWriter(file, humanPreferenceColumn, sides);
    }

    /** Appends {@code judgment} as the next line. */
    public void write(Judgment judgment) throws IOException {
        if (count == 0) {
            idColumns = List.copyOf(judgment.ids().keySet());
        }
        if (count + 1 == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[count] = bytes.written;
        JudgmentsFile.writeLine(writer, judgment, humanPreferenceColumn, sides);
        writer.flush(); // into the byte count; the file is written when the buffer fills
        count++;
    }

    /** The lines written so far. */
    public int count() {
        return count;
    }

    /** Closes the file, moves it into place and returns its judgments, read from it on demand. */
    public JudgmentsOnDisk finish() throws IOException {
        offsets[count] = bytes.written;
        writer.close();
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        finished = true;
        return new JudgmentsOnDisk(file, Arrays.copyOf(offsets, count + 1), idColumns, humanPreferenceColumn);
    }

    /** Deletes the partial file unless {@link #finish} moved it into place. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            try {
                writer.close();
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** Counts the bytes that pass; a flush stays here (the buffer below writes the file when full). */
    private static final class ByteCount extends FilterOutputStream {
        private long written;

        ByteCount(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written += len;
        }

        @Override
        public void flush() {
            // the line is counted; the file is written when the buffer fills, or on close
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
