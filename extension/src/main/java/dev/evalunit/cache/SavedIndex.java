package dev.evalunit.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The cache index saved in the cache directory, {@code <dir>/index/segments.index}, so that a run
 * reads it in one go instead of scanning every segment. Derived from the segments and safe to delete
 * at any time (the next run scans them again); its folder holds a {@code .gitignore} of {@code *}, so
 * that it is not committed with the segments.
 *
 * <p>Layout (big-endian): the magic {@code EVALIDX\n}, the format's {@link #VERSION}, the header's length;
 * the header: the {@link IndexTables}' slots, lines and keys of each table, the CRC32C of the body, and
 * per segment it covers its file name, the bytes and lines covered, the offset of the last line covered
 * and that line's CRC32C, and the lines that are not entries (how many, the first); then the header's
 * own CRC32C; then the body, the {@link IndexTables}' block byte for byte.
 *
 * <p>Read only when everything checks: magic, version, both checksums, sizes, and every segment it
 * covers still there, at least as long, with the same last line. Anything else (a run killed while
 * saving, a file from another version, a segment edited or deleted) and the index is rebuilt from the
 * segments: never a wrong answer, at worst a slower start. Written to a temporary file of its folder
 * and renamed over the old one, so that two runs that end together each leave a whole file, the
 * last one's; a segment one of them did not see is scanned by the next run.
 */
final class SavedIndex {

    static final String FOLDER = "index";
    static final String FILE = "segments.index";
    static final int VERSION = 1;
    private static final byte[] MAGIC = "EVALIDX\n".getBytes(StandardCharsets.US_ASCII);
    private static final int PREFIX_BYTES = MAGIC.length + 8;
    private static final int MAX_HEADER_BYTES = 64 << 20;
    /** A last line longer than this is not read to check it: the index is rebuilt. */
    private static final int MAX_LINE_CHECKED = 64 << 20;
    /** A temporary file older than this was left by a run killed while saving. */
    private static final Duration ABANDONED = Duration.ofHours(1);
    private static final AtomicInteger TEMPORARY = new AtomicInteger();

    private SavedIndex() {
    }

    /**
     * The saved index of {@code directory} with the segments now {@code listed} there, or {@code null}
     * when there is none or it is not valid for them (it is then rebuilt).
     */
    static SegmentIndex read(Path directory, List<Path> listed) {
        Path file = directory.resolve(FOLDER).resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer prefix = read(in, 0, PREFIX_BYTES);
            byte[] magic = new byte[MAGIC.length];
            prefix.get(magic);
            int version = prefix.getInt();
            int headerBytes = prefix.getInt();
            if (!Arrays.equals(magic, MAGIC) || version != VERSION || headerBytes < 28
                    || headerBytes > MAX_HEADER_BYTES || PREFIX_BYTES + (long) headerBytes > in.size()) {
                return null;
            }
            ByteBuffer header = read(in, PREFIX_BYTES, headerBytes);
            CRC32C headerCrc = new CRC32C();
            headerCrc.update(prefix.flip());
            headerCrc.update(header.duplicate().limit(headerBytes - 4));
            if ((int) headerCrc.getValue() != header.getInt(headerBytes - 4)) {
                return null;
            }
            int slots = header.getInt();
            int lines = header.getInt();
            int entries = header.getInt();
            int anyEndpoint = header.getInt();
            int bodyCrc = header.getInt();
            int count = header.getInt();
            if (Integer.bitCount(slots) != 1 || slots < IndexTables.FIRST_SLOTS || slots > IndexTables.MAX_SLOTS
                    || lines < 0 || lines > IndexTables.rowCapacity(slots) || entries < 0 || entries > lines
                    || anyEndpoint < 0 || anyEndpoint > lines || count < 0
                    || in.size() != PREFIX_BYTES + (long) headerBytes + IndexTables.bytes(slots)) {
                return null;
            }
            Set<Path> present = new HashSet<>(listed);
            Set<Path> named = new HashSet<>();
            List<SegmentCoverage> segments = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                SegmentCoverage segment = segment(header, directory);
                if (segment == null || !present.contains(segment.segment) || !named.add(segment.segment)
                        || Files.size(segment.segment) < segment.covered || lastLineCrc(segment) != header.getInt()) {
                    return null;
                }
                segment.unkeyed = header.getInt();
                long unkeyedOffset = header.getLong();
                int unkeyedLength = header.getInt();
                int unkeyedLine = header.getInt();
                if (segment.unkeyed > 0) {
                    segment.firstUnkeyed = new EntryLocation(segment.segment, unkeyedOffset, unkeyedLength, unkeyedLine);
                }
                segments.add(segment);
            }
            if (header.remaining() != 4) {
                return null;
            }
            // The one read: the body straight into the index's memory.
            ByteBuffer memory = IndexMemory.allocate(IndexTables.bytes(slots));
            readFully(in, memory.duplicate().clear(), PREFIX_BYTES + (long) headerBytes);
            if (crc(memory) != bodyCrc) {
                return null;
            }
            return new SegmentIndex(IndexTables.of(memory, slots, lines, entries, anyEndpoint), segments);
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or inconsistent: rebuilt
        }
    }

    /**
     * Saves {@code tables} and what they cover of {@code segments} in {@code directory}, replacing the
     * saved index there.
     *
     * @return whether it was saved
     */
    static boolean write(Path directory, IndexTables tables, List<SegmentCoverage> segments) {
        Path folder = directory.resolve(FOLDER);
        Path temporary = null;
        try {
            ByteBuffer header = header(tables, segments);
            Files.createDirectories(folder);
            ignoredByGit(folder);
            removeAbandoned(folder);
            temporary = folder.resolve(FILE + "." + ProcessHandle.current().pid() + "-" + TEMPORARY.incrementAndGet() + ".tmp");
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(out, header);
                writeFully(out, tables.block());
            }
            Files.move(temporary, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException | RuntimeException e) {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Left behind; removed by a later save once it is old.
                }
            }
            return false;
        }
    }

    /** The prefix and the header, ready to write. */
    private static ByteBuffer header(IndexTables tables, List<SegmentCoverage> segments) throws IOException {
        List<byte[]> names = new ArrayList<>(segments.size());
        int bytes = PREFIX_BYTES + 24 + 4;
        for (SegmentCoverage segment : segments) {
            byte[] name = segment.segment.getFileName().toString().getBytes(StandardCharsets.UTF_8);
            names.add(name);
            bytes += 2 + name.length + 8 + 4 + 8 + 4 + 4 + 8 + 4 + 4;
        }
        ByteBuffer header = ByteBuffer.allocate(bytes)
                .put(MAGIC).putInt(VERSION).putInt(bytes - PREFIX_BYTES)
                .putInt(tables.slots()).putInt(tables.lines()).putInt(tables.entries().size())
                .putInt(tables.anyEndpoint().size()).putInt(crc(tables.block())).putInt(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            SegmentCoverage segment = segments.get(i);
            EntryLocation unkeyed = segment.firstUnkeyed;
            header.putShort((short) names.get(i).length).put(names.get(i))
                    .putLong(segment.covered).putInt(segment.lines).putLong(segment.lastLineOffset)
                    .putInt(lastLineCrc(segment))
                    .putInt(segment.unkeyed).putLong(unkeyed == null ? 0 : unkeyed.offset())
                    .putInt(unkeyed == null ? 0 : unkeyed.length()).putInt(unkeyed == null ? 0 : unkeyed.line());
        }
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, header.position());
        return header.putInt((int) crc.getValue()).flip();
    }

    /** One segment's name and coverage from {@code header}, up to its last line's checksum; {@code null} when not sane. */
    private static SegmentCoverage segment(ByteBuffer header, Path directory) {
        byte[] name = new byte[header.getShort() & 0xffff];
        header.get(name);
        String fileName = new String(name, StandardCharsets.UTF_8);
        if (!fileName.endsWith(SegmentIndex.SEGMENT_SUFFIX) || fileName.contains("/") || fileName.contains("\\")) {
            return null;
        }
        SegmentCoverage segment = new SegmentCoverage(directory.resolve(fileName));
        segment.covered = header.getLong();
        segment.lines = header.getInt();
        segment.lastLineOffset = header.getLong();
        boolean sane = segment.covered >= 0 && segment.lines >= 0 && segment.lastLineOffset >= 0
                && segment.lastLineOffset <= segment.covered && segment.covered - segment.lastLineOffset <= MAX_LINE_CHECKED;
        return sane ? segment : null;
    }

    /** The CRC32C of the last line {@code segment} covers, read from its file. */
    private static int lastLineCrc(SegmentCoverage segment) throws IOException {
        int length = Math.toIntExact(segment.covered - segment.lastLineOffset);
        if (length == 0) {
            return 0;
        }
        try (FileChannel in = FileChannel.open(segment.segment, StandardOpenOption.READ)) {
            return crc(read(in, segment.lastLineOffset, length));
        }
    }

    private static int crc(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return (int) crc.getValue();
    }

    private static ByteBuffer read(FileChannel in, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        readFully(in, buffer, position);
        return buffer.flip();
    }

    private static void readFully(FileChannel in, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            if (in.read(into, position + into.position()) < 0) {
                throw new IOException("the saved index ends early");
            }
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    /** A {@code .gitignore} of {@code *}: the segments are committed for offline CI, their index is not. */
    private static void ignoredByGit(Path folder) throws IOException {
        Path ignore = folder.resolve(".gitignore");
        if (!Files.exists(ignore)) {
            try {
                Files.writeString(ignore, "# The response cache's index: derived from the segments, safe to delete.\n*\n",
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                // Another run wrote it.
            }
        }
    }

    /** Temporary files of runs killed while saving. */
    private static void removeAbandoned(Path folder) throws IOException {
        Instant before = Instant.now().minus(ABANDONED);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    // Gone already, or not ours to delete.
                }
            }
        }
    }
}
