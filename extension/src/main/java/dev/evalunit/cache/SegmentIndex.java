package dev.evalunit.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The keys found in a cache directory's segment files, and where each entry's line is. Reading it
 * only scans for line starts and keys; an entry is parsed when it is asked for. Segments are read in
 * name order, oldest first, so a later line for the same key (a record run, or a second writer) wins.
 * A last line without its line feed is a write cut short by a killed run: it is not an entry. An
 * entry's any-endpoint hash, which follows its key at a fixed place, is indexed too, so that a miss
 * can say that the request was recorded against another endpoint.
 *
 * <p>Held off the heap, in {@link IndexTables} (a mapped temporary file: {@link IndexMemory}), not in
 * maps of strings: it holds a line per recorded reply, several per example, and would otherwise be
 * what grows with the size of a run. A key is matched on its first 128 bits; the reader of an entry
 * checks the full key in the line (see {@link #holds}). Saved in the cache directory when a run ends
 * ({@link SavedIndex}), so that the next run reads it in one go and scans only what was appended
 * since; a later line still wins over an earlier one, except that lines appended to an older segment
 * after the index was saved win over the newer segments it covered. Thread safe.
 */
final class SegmentIndex {

    static final String SEGMENT_SUFFIX = ".jsonl";
    /** Every line starts so: the key first, at a fixed place, so the index needs no JSON parser. */
    static final String LINE_PREFIX = "{\"key\":\"";
    private static final int KEY_LENGTH = 64;
    /** The prefix, the key and its closing quote. */
    private static final int HEAD_LENGTH = LINE_PREFIX.length() + KEY_LENGTH + 1;
    /** Follows the key's closing quote in an entry of key version 2 or later (absent before). */
    static final String ANY_ENDPOINT_PREFIX = ",\"any_endpoint_key\":\"";
    /** The head, the any-endpoint hash and its closing quote. */
    private static final int LONG_HEAD_LENGTH = HEAD_LENGTH + ANY_ENDPOINT_PREFIX.length() + KEY_LENGTH + 1;

    private IndexTables tables;
    /** Every segment scanned or written, by number: what the rows name, and what a saved index covers. */
    private final List<SegmentCoverage> segments;
    private final Map<Path, Integer> numbers = new HashMap<>();
    /** Whether lines were added since the index was read or saved: it is then worth saving. */
    private boolean changed;
    /** Lines read from segment files (not from a saved index), for tests. */
    private long linesScanned;

    SegmentIndex() {
        this(IndexTables.empty(IndexTables.FIRST_SLOTS), new ArrayList<>());
    }

    /** An index read back from a file: {@code segments} in the order the rows number them. */
    SegmentIndex(IndexTables tables, List<SegmentCoverage> segments) {
        this.tables = tables;
        this.segments = segments;
        for (int i = 0; i < segments.size(); i++) {
            numbers.put(segments.get(i).segment, i);
        }
    }

    /**
     * The index of the segments in {@code directory}, empty when it does not exist: the saved index
     * ({@link SavedIndex}) when it is valid for them, plus what was appended since; else built by
     * scanning every segment.
     */
    static SegmentIndex of(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return new SegmentIndex();
        }
        List<Path> segments;
        try (Stream<Path> files = Files.list(directory)) {
            segments = files.filter(f -> f.getFileName().toString().endsWith(SEGMENT_SUFFIX) && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        }
        SegmentIndex index = SavedIndex.read(directory, segments);
        if (index == null) {
            index = new SegmentIndex();
        }
        for (Path segment : segments) {
            index.scan(segment);
        }
        return index;
    }

    /**
     * Saves this index in {@code directory} when lines were added since it was read, so that the next
     * run reads it instead of scanning the segments; a directory that does not exist is not created.
     * A failure only costs the next run its scan.
     */
    synchronized void save(Path directory) {
        if (changed && Files.isDirectory(directory) && SavedIndex.write(directory, tables, segments)) {
            changed = false;
        }
    }

    /** The latest entry whose key starts with the first 128 bits of {@code hash}, or {@code null}. */
    synchronized EntryLocation get(String hash) {
        return location(tables.entries().get(hash));
    }

    /**
     * The latest entry of the request whose any-endpoint hash starts with the first 128 bits of
     * {@code anyEndpointHash}, whatever its endpoint, or {@code null}.
     */
    synchronized EntryLocation anyEndpoint(String anyEndpointHash) {
        return location(tables.anyEndpoint().get(anyEndpointHash));
    }

    synchronized void put(String hash, String anyEndpointHash, Path segment, long offset, int length, int line) {
        int added = add(coverage(segment), offset, length, line);
        tables.entries().put(hash, added);
        tables.anyEndpoint().put(anyEndpointHash, added);
    }

    /** Lines that are not entries (a merge conflict, a hand edit), which no lookup finds. */
    synchronized int unkeyedCount() {
        return segments.stream().mapToInt(s -> s.unkeyed).sum();
    }

    /** The first line that is not an entry, or {@code null}. */
    synchronized EntryLocation firstUnkeyed() {
        return segments.stream().map(s -> s.firstUnkeyed).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Lines read from segment files since this index was made, not from a saved index. */
    synchronized long linesScanned() {
        return linesScanned;
    }

    /**
     * Whether {@code entry}, a line of a segment, is keyed by {@code hash}: the exact check of a lookup.
     * A line read at a stale place (a segment edited by hand after the index was saved) is no entry
     * unless it is whole and keyed by {@code hash}.
     */
    static boolean holds(byte[] entry, String hash) {
        return entry.length > 0 && entry[entry.length - 1] == '\n' && holds(entry, LINE_PREFIX.length(), hash);
    }

    /** Whether {@code entry}, a line of a segment, names {@code anyEndpointHash} as its any-endpoint hash. */
    static boolean holdsAnyEndpoint(byte[] entry, String anyEndpointHash) {
        return holds(entry, HEAD_LENGTH + ANY_ENDPOINT_PREFIX.length(), anyEndpointHash);
    }

    private static boolean holds(byte[] entry, int from, String hash) {
        if (entry.length < from + KEY_LENGTH || hash.length() != KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < KEY_LENGTH; i++) {
            if (entry[from + i] != hash.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private EntryLocation location(int row) {
        return row < 0 ? null
                : new EntryLocation(segments.get(tables.segment(row)).segment, tables.offset(row), tables.length(row), tables.line(row));
    }

    /** The coverage of {@code segment}, registered with its first line. */
    private SegmentCoverage coverage(Path segment) {
        Integer number = numbers.get(segment);
        if (number != null) {
            return segments.get(number);
        }
        SegmentCoverage added = new SegmentCoverage(segment);
        numbers.put(segment, segments.size());
        segments.add(added);
        return added;
    }

    /** Adds a line's row; returns its number in this index. */
    private int add(SegmentCoverage segment, long offset, int length, int line) {
        if (tables.full()) {
            tables = tables.doubled();
        }
        segment.line(offset, length, line);
        changed = true;
        return tables.add(numbers.get(segment.segment), offset, length, line);
    }

    /** Reads the lines of {@code segment} this index does not cover yet: all of a new one, else what was appended. */
    private void scan(Path segment) throws IOException {
        Integer number = numbers.get(segment);
        SegmentCoverage coverage = number == null ? null : segments.get(number);
        long from = coverage == null ? 0 : coverage.covered;
        int line = coverage == null ? 1 : coverage.lines + 1;
        // Bytes as Latin-1 chars, one to one, so that String.indexOf (vectorised by the JVM, and warm
        // long before a run reads its cache) finds the line feeds: a byte loop over a large cache, run
        // while the JIT is still cold, cost most of a cached rerun's time.
        byte[] buffer = null;
        int filled = 0;
        long bufferOffset = from;
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            if (channel.size() <= from) {
                return; // nothing appended (a segment cannot shrink: a saved index that said more was refused)
            }
            InputStream in = Channels.newInputStream(channel.position(from));
            buffer = new byte[(int) Math.min(1 << 20, channel.size() - from + 1)];
            while (true) {
                int read = in.readNBytes(buffer, filled, buffer.length - filled);
                filled += read;
                String chunk = new String(buffer, 0, filled, StandardCharsets.ISO_8859_1);
                int lineStart = 0;
                int end;
                while ((end = chunk.indexOf('\n', lineStart)) >= 0) {
                    if (coverage == null) {
                        coverage = coverage(segment);
                    }
                    addLine(coverage, chunk, lineStart, end, bufferOffset + lineStart, line++);
                    lineStart = end + 1;
                }
                if (read == 0) {
                    return; // the end; what is left has no line feed: a write cut short, not an entry
                }
                System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
                bufferOffset += lineStart;
                filled -= lineStart;
                if (filled == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2); // one line longer than the buffer
                }
            }
        }
    }

    private void addLine(SegmentCoverage segment, String chunk, int from, int to, long offset, int line) {
        linesScanned++;
        changed = true;
        int length = to - from + 1;
        String head = chunk.substring(from, Math.min(to, from + LONG_HEAD_LENGTH));
        if (head.isEmpty() || head.equals("\r")) {
            segment.line(offset, length, line);
            return; // an empty line, as an editor may leave at the end
        }
        if (!isKeyed(head)) {
            segment.line(offset, length, line);
            segment.unkeyed(offset, length, line);
            return;
        }
        int added = add(segment, offset, length, line);
        tables.entries().put(head, LINE_PREFIX.length(), added);
        if (head.length() == LONG_HEAD_LENGTH && head.startsWith(ANY_ENDPOINT_PREFIX, HEAD_LENGTH)
                && head.charAt(LONG_HEAD_LENGTH - 1) == '"' && isHash(head, LONG_HEAD_LENGTH - 1 - KEY_LENGTH)) {
            tables.anyEndpoint().put(head, LONG_HEAD_LENGTH - 1 - KEY_LENGTH, added);
        }
    }

    /** Whether a line starts with a key. */
    private static boolean isKeyed(String head) {
        return head.length() >= HEAD_LENGTH && head.startsWith(LINE_PREFIX) && head.charAt(HEAD_LENGTH - 1) == '"'
                && isHash(head, LINE_PREFIX.length());
    }

    /** Whether the 64 characters of {@code text} from {@code from} are lower-case hex digits. */
    private static boolean isHash(String text, int from) {
        for (int i = from; i < from + KEY_LENGTH; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
