package dev.evalunit.files;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One pass over a JSON Lines file: each line in order, as UTF-8 text (malformed input is an error), with its
 * number and where it starts, so that a reader keeps offsets ({@link LinesOnDisk}) rather than lines. The
 * reading of {@link JudgmentsReader} and {@link ObservationsFile}.
 */
final class LineScan {

    /** What is done with each line. */
    @FunctionalInterface
    interface Line {
        /**
         * @param number 1-based
         * @param start the offset of its first byte
         * @param text without its line end
         */
        void accept(int number, long start, String text);
    }

    private static final int READ_BUFFER_BYTES = 1 << 16;
    /** Malformed input is an error, as a reader's default decoder makes it; one decoder per thread. */
    private static final ThreadLocal<CharsetDecoder> UTF_8_STRICT = ThreadLocal.withInitial(StandardCharsets.UTF_8::newDecoder);

    private LineScan() {
    }

    /**
     * Hands every line of {@code file} to {@code line}, blank ones included.
     *
     * @return the file's length: where the last line ends
     * @throws CharacterCodingException when a line is not UTF-8
     */
    static long scan(Path file, Line line) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER_BYTES)) {
            LineBytes bytes = new LineBytes();
            long start = 0;
            for (int number = 1; bytes.next(in); number++) {
                line.accept(number, start, UTF_8_STRICT.get().decode(ByteBuffer.wrap(bytes.bytes, 0, bytes.length)).toString());
                start += bytes.consumed;
            }
            return start;
        }
    }

    /** The bytes of one line at a time, without its {@code \n}; {@code consumed} counts it. */
    private static final class LineBytes {
        private byte[] bytes = new byte[8192];
        private int length;
        private int consumed;

        boolean next(InputStream in) throws IOException {
            length = 0;
            consumed = 0;
            for (int b = in.read(); b != -1; b = in.read()) {
                consumed++;
                if (b == '\n') {
                    return true;
                }
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, bytes.length * 2);
                }
                bytes[length++] = (byte) b;
            }
            return consumed > 0;
        }
    }
}
