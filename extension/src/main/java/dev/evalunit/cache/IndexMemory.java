package dev.evalunit.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Zeroed memory for the cache index, off the Java heap: a file of the system's temporary directory,
 * mapped and unlinked as soon as it is opened ({@code DELETE_ON_CLOSE}), so it lives in the page cache,
 * is written to disk only under memory pressure, and leaves nothing behind even after {@code kill -9}.
 * The channel is closed at once: the mapping stays valid, and is released when it is no longer
 * reachable. Where no such file can be made, the memory is an ordinary heap buffer: the index still
 * works, in the heap as before.
 */
final class IndexMemory {

    private static final AtomicInteger FILES = new AtomicInteger();

    private IndexMemory() {
    }

    /** {@code bytes} of zeroes, mapped from a temporary file when possible, else on the heap. */
    static ByteBuffer allocate(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalStateException("the response cache's index would need " + bytes
                    + " bytes, more than one mapping holds");
        }
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "evalunit-index-" + ProcessHandle.current().pid()
                + "-" + FILES.incrementAndGet() + "-" + System.nanoTime());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
        } catch (IOException | RuntimeException e) {
            return ByteBuffer.allocate((int) bytes);
        }
    }
}
