package dev.evalunit.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The keys found in a cache directory's segment files, and where each entry's line is. Reading it
 * only scans for line starts and keys; an entry is parsed when it is asked for. Segments are read in
 * name order, oldest first, so a later line for the same key (a record run, or a second writer) wins.
 * A last line without its line feed is a write cut short by a killed run: it is not an entry. An
 * entry's any-endpoint hash, which follows its key at a fixed place, is indexed too, so that a miss
 * can say that the request was recorded against another endpoint.
 *
 * <p>Held in primitive arrays ({@link KeyTable}s and one row of arrays per line), not in maps of
 * strings: it holds a line per recorded reply, several per example, and was what grew most with the
 * size of a run after the rows and judgments. A key is matched on its first 128 bits; the reader of an
 * entry checks the full key in the line (see {@link #holds}). Thread safe.
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

    /** By key: the line number (in this index) of the latest entry. */
    private final KeyTable entries = new KeyTable();
    /** By any-endpoint hash: the latest entry of each request, whatever its endpoint. */
    private final KeyTable anyEndpoint = new KeyTable();
    private final List<EntryLocation> unkeyed = new ArrayList<>();
    private final List<Path> segments = new ArrayList<>();
    /** Per indexed line: its segment (in {@link #segments}), offset, length in bytes and 1-based line. */
    private int[] segmentOf = new int[1 << 10];
    private long[] offsets = new long[1 << 10];
    private int[] lengths = new int[1 << 10];
    private int[] lineNumbers = new int[1 << 10];
    private int lines;

    /** The index of the segments in {@code directory}; empty when it does not exist. */
    static SegmentIndex of(Path directory) throws IOException {
        SegmentIndex index = new SegmentIndex();
        if (!Files.isDirectory(directory)) {
            return index;
        }
        List<Path> segments;
        try (Stream<Path> files = Files.list(directory)) {
            segments = files.filter(f -> f.getFileName().toString().endsWith(SEGMENT_SUFFIX) && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        }
        for (Path segment : segments) {
            index.scan(segment);
        }
        return index;
    }

    /** The latest entry whose key starts with the first 128 bits of {@code hash}, or {@code null}. */
    synchronized EntryLocation get(String hash) {
        return location(entries.get(hash));
    }

    /**
     * The latest entry of the request whose any-endpoint hash starts with the first 128 bits of
     * {@code anyEndpointHash}, whatever its endpoint, or {@code null}.
     */
    synchronized EntryLocation anyEndpoint(String anyEndpointHash) {
        return location(anyEndpoint.get(anyEndpointHash));
    }

    synchronized void put(String hash, String anyEndpointHash, Path segment, long offset, int length, int line) {
        int added = add(segment, offset, length, line);
        entries.put(hash, added);
        anyEndpoint.put(anyEndpointHash, added);
    }

    /** Whether {@code entry}, a line of a segment, is keyed by {@code hash}: the exact check of a lookup. */
    static boolean holds(byte[] entry, String hash) {
        return holds(entry, LINE_PREFIX.length(), hash);
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

    private EntryLocation location(int line) {
        return line < 0 ? null : new EntryLocation(segments.get(segmentOf[line]), offsets[line], lengths[line], lineNumbers[line]);
    }

    /** Adds a line's place; returns its number in this index. */
    private int add(Path segment, long offset, int length, int line) {
        int segmentNumber = segments.size() - 1;
        if (segmentNumber < 0 || !segments.get(segmentNumber).equals(segment)) {
            segmentNumber = segments.indexOf(segment);
            if (segmentNumber < 0) {
                segments.add(segment);
                segmentNumber = segments.size() - 1;
            }
        }
        if (lines == lengths.length) {
            int capacity = lines + (lines >> 1);
            segmentOf = Arrays.copyOf(segmentOf, capacity);
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            lineNumbers = Arrays.copyOf(lineNumbers, capacity);
        }
        segmentOf[lines] = segmentNumber;
        offsets[lines] = offset;
        lengths[lines] = length;
        lineNumbers[lines] = line;
        return lines++;
    }

    /** Whole lines that do not start with a key (a merge conflict, a hand edit): never entries. */
    List<EntryLocation> unkeyed() {
        return unkeyed;
    }

    private void scan(Path segment) throws IOException {
        // Bytes as Latin-1 chars, one to one, so that String.indexOf (vectorised by the JVM, and warm
        // long before a run reads its cache) finds the line feeds: a byte loop over a large cache, run
        // while the JIT is still cold, cost most of a cached rerun's time.
        byte[] buffer = new byte[1 << 20];
        int filled = 0;
        long bufferOffset = 0;
        int line = 1;
        try (InputStream in = Files.newInputStream(segment)) {
            while (true) {
                int read = in.readNBytes(buffer, filled, buffer.length - filled);
                filled += read;
                String chunk = new String(buffer, 0, filled, StandardCharsets.ISO_8859_1);
                int lineStart = 0;
                int end;
                while ((end = chunk.indexOf('\n', lineStart)) >= 0) {
                    addLine(segment, chunk, lineStart, end, bufferOffset + lineStart, line++);
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

    private void addLine(Path segment, String chunk, int from, int to, long offset, int line) {
        String head = chunk.substring(from, Math.min(to, from + LONG_HEAD_LENGTH));
        if (head.isEmpty() || head.equals("\r")) {
            return; // an empty line, as an editor may leave at the end
        }
        if (!isKeyed(head)) {
            unkeyed.add(new EntryLocation(segment, offset, to - from + 1, line));
            return;
        }
        int added = add(segment, offset, to - from + 1, line);
        entries.put(head, LINE_PREFIX.length(), added);
        if (head.length() == LONG_HEAD_LENGTH && head.startsWith(ANY_ENDPOINT_PREFIX, HEAD_LENGTH)
                && head.charAt(LONG_HEAD_LENGTH - 1) == '"' && isHash(head, LONG_HEAD_LENGTH - 1 - KEY_LENGTH)) {
            anyEndpoint.put(head, LONG_HEAD_LENGTH - 1 - KEY_LENGTH, added);
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
