package dev.evalunit.dataset;

import dev.evalunit.api.spi.DatasetRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The records of a JSON Lines file on disk, read when asked for: the file is read once through, every
 * line parsed and checked as {@link JsonLinesSource} checks it (so that every mistake is still reported
 * before the first call) and handed to the caller's checks of the rows, and only each record's place is
 * kept (16 bytes a row, where the rows themselves took about a kilobyte); {@link #get} reads and parses
 * the line again. So a dataset of a hundred thousand rows does not hold the heap. Lines end as
 * {@link java.io.BufferedReader#readLine} ends them: LF, CR LF or a lone CR. Read-only; thread safe.
 */
final class JsonLinesFile extends AbstractList<DatasetRecord> implements RandomAccess {

    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final String reference;
    private final Path file;
    private final List<String> columns;
    private final long[] offsets;
    private final int[] lengths;
    private final int[] lineNumbers;
    private volatile FileChannel channel;

    private JsonLinesFile(String reference, Path file, List<String> columns, long[] offsets, int[] lengths, int[] lineNumbers) {
        this.reference = reference;
        this.file = file;
        this.columns = columns;
        this.offsets = offsets;
        this.lengths = lengths;
        this.lineNumbers = lineNumbers;
    }

    /**
     * The file's records, checked, or {@code null} when it is not one JSON object per line but pretty-printed
     * JSON: {@link JsonLinesSource} reads that whole. Each record is handed to {@code eachRecord} as it is read,
     * in file order; {@code null} is returned before any is.
     *
     * @throws java.nio.charset.CharacterCodingException when the file is not UTF-8
     */
    static JsonLinesFile index(String reference, Path file, Consumer<DatasetRecord> eachRecord) throws IOException {
        Lines lines = new Lines(reference, eachRecord);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            long position = 0;
            boolean first = true;
            // The last line ended with a CR: an LF right after it belongs to that line's end.
            boolean afterCr = false;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                int from = 0;
                if (first && read >= 3 && Arrays.equals(buffer, 0, 3, BYTE_ORDER_MARK, 0, 3)) {
                    from = 3;
                    lines.start = 3;
                }
                first = false;
                // The scan for line ends is a small loop of its own and each line is handed on whole, so that
                // the JIT compiles the loop alone: compiled with the parsing inlined, it took the optimising
                // compiler half a second and failed (a JFR recording of the benchmark's live run).
                while (from < read) {
                    if (afterCr) {
                        afterCr = false;
                        if (buffer[from] == '\n') {
                            lines.start++;
                            from++;
                            continue;
                        }
                    }
                    int lineEnd = indexOfLineEnd(buffer, from, read);
                    int to = lineEnd < 0 ? read : lineEnd;
                    lines.append(buffer, from, to - from);
                    if (lineEnd < 0) {
                        break;
                    }
                    if (!lines.end(position + lineEnd + 1)) {
                        return null;
                    }
                    afterCr = buffer[lineEnd] == '\r';
                    from = lineEnd + 1;
                }
                position += read;
            }
            if (lines.length > 0 && !lines.end(position)) {
                return null;
            }
        }
        return lines.file(file);
    }

    /** Where the first LF or CR from {@code from} is, or -1. */
    private static int indexOfLineEnd(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** The lines of a file as its scan hands them over, each checked, and the places of the records. */
    private static final class Lines {

        private final String reference;
        private final Consumer<DatasetRecord> eachRecord;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final Set<String> columns = new LinkedHashSet<>();
        private long[] offsets = new long[1024];
        private int[] lengths = new int[1024];
        private int[] lineNumbers = new int[1024];
        private int rows;
        private int number;
        private byte[] line = new byte[1024];
        private int length;
        private char[] chars = new char[1024];
        /** Where the line being read begins in the file. */
        private long start;

        Lines(String reference, Consumer<DatasetRecord> eachRecord) {
            this.reference = reference;
            this.eachRecord = eachRecord;
        }

        void append(byte[] bytes, int from, int count) {
            if (length + count > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
            }
            System.arraycopy(bytes, from, line, length, count);
            length += count;
        }

        /**
         * Ends the line read so far (its end not included), whose successor begins at {@code next}; {@code false}
         * when the file is not JSON Lines after all, which only its first record can show.
         */
        boolean end(long next) throws IOException {
            number++;
            int count = decode();
            if (!isBlank(count)) {
                if (rows == 0 && JsonLinesSource.isPrettyPrinted(new String(chars, 0, count))) {
                    return false;
                }
                Map<String, Object> cells = JsonLinesSource.parseObject(reference, number, chars, count);
                columns.addAll(cells.keySet());
                if (rows == offsets.length) {
                    offsets = Arrays.copyOf(offsets, rows * 2);
                    lengths = Arrays.copyOf(lengths, rows * 2);
                    lineNumbers = Arrays.copyOf(lineNumbers, rows * 2);
                }
                offsets[rows] = start;
                lengths[rows] = length;
                lineNumbers[rows] = number;
                rows++;
                if (eachRecord != FileDatasetSource.NO_RECORDS) {
                    eachRecord.accept(new DatasetRecord(FileDatasetSource.lineLocation(number), cells));
                }
            }
            start = next;
            length = 0;
            return true;
        }

        /**
         * Decodes the line into {@code chars}, strictly (as {@code CharsetDecoder.decode} does), and returns how many
         * characters it holds: the parser reads them there, with no {@code String} made and copied again.
         */
        private int decode() throws CharacterCodingException {
            // UTF-8 never decodes to more characters than it has bytes.
            if (chars.length < length) {
                chars = new char[Math.max(chars.length * 2, length)];
            }
            CharBuffer out = CharBuffer.wrap(chars);
            utf8.reset();
            CoderResult result = utf8.decode(ByteBuffer.wrap(line, 0, length), out, true);
            if (!result.isUnderflow()) {
                result.throwException();
            }
            result = utf8.flush(out);
            if (!result.isUnderflow()) {
                result.throwException();
            }
            return out.position();
        }

        /** As {@code String.isBlank} of the line's first {@code count} characters. */
        private boolean isBlank(int count) {
            for (int i = 0; i < count; i++) {
                if (!Character.isWhitespace(chars[i])) {
                    return false;
                }
            }
            return true;
        }

        JsonLinesFile file(Path file) {
            return new JsonLinesFile(reference, file, List.copyOf(columns), Arrays.copyOf(offsets, rows),
                    Arrays.copyOf(lengths, rows), Arrays.copyOf(lineNumbers, rows));
        }
    }

    /** Every column that occurs in some record, in first-seen order. */
    List<String> columns() {
        return columns;
    }

    @Override
    public int size() {
        return offsets.length;
    }

    @Override
    public DatasetRecord get(int index) {
        ByteBuffer bytes = ByteBuffer.allocate(lengths[index]);
        try {
            FileChannel in = channel();
            while (bytes.hasRemaining()) {
                if (in.read(bytes, offsets[index] + bytes.position()) < 0) {
                    throw new IOException("the file is shorter than when the run began");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("dataset [" + reference + "] could not be read again at line "
                    + lineNumbers[index] + ": " + e.getMessage(), e);
        }
        String line = new String(bytes.array(), StandardCharsets.UTF_8);
        return new DatasetRecord(FileDatasetSource.lineLocation(lineNumbers[index]),
                JsonLinesSource.parseObject(reference, lineNumbers[index], line));
    }

    // Opened once and kept: positional reads share it, and a row read per example should not cost an
    // open and a close. The JVM closes it when the dataset is collected.
    private FileChannel channel() throws IOException {
        FileChannel open = channel;
        if (open == null) {
            synchronized (this) {
                if (channel == null) {
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                }
                open = channel;
            }
        }
        return open;
    }
}
