package dev.evalunit.files;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalunit.json.JsonWriting;
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

/**
 * Writes a JSON Lines file one compact object per line, in the order given, and remembers where each line
 * starts. The lines go to {@code <file>.partial}; {@link #finish} moves it onto the file and returns its lines
 * as {@link LinesOnDisk}; {@link #close} without {@code finish} deletes the partial file, so that a run that
 * stops leaves no half-written file. The writing under {@link JudgmentsWriter} and {@link ObservationsWriter}.
 * Not thread-safe: one writer at a time.
 */
final class LinesWriter implements Closeable {

    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final Path partial;
    private final String kind;
    private final ByteCount bytes;
    private final Writer writer;
    private final LineStarts starts = new LineStarts();
    private boolean finished;

    /**
     * @param file the file to write (its directory exists)
     * @param kind e.g. {@code judgments file}, for messages
     */
    LinesWriter(Path file, String kind) throws IOException {
        this.file = file;
        this.partial = file.resolveSibling(file.getFileName() + ".partial");
        this.kind = kind;
        this.bytes = new ByteCount(new BufferedOutputStream(Files.newOutputStream(partial), BUFFER_BYTES));
        this.writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
    }

    /** Appends {@code item} as the next line, written by {@code content}. */
    <T> void write(T item, JsonFiles.LineContent<T> content) throws IOException {
        starts.add(bytes.written);
        try (JsonGenerator generator = JsonWriting.compactGenerator(writer)) {
            content.writeTo(generator, item);
        }
        writer.write('\n');
        writer.flush(); // into the byte count; the file is written when the buffer fills
    }

    /** The lines written so far. */
    int count() {
        return starts.count();
    }

    /** Closes the file, moves it into place and returns its lines, read from it on demand. */
    LinesOnDisk finish() throws IOException {
        writer.close();
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        finished = true;
        return starts.lines(file, bytes.written, kind);
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
