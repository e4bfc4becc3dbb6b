package dev.evalunit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cache index's tables")
class IndexTablesTest {

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("double as they fill, keeping every row and both tables' keys")
    void doubling() throws Exception {
        IndexTables tables = IndexTables.empty(IndexTables.FIRST_SLOTS);
        int rows = 50_000;
        for (int i = 0; i < rows; i++) {
            if (tables.full()) {
                tables = tables.doubled();
            }
            int row = tables.add(i % 7, 1000L * i + (1L << 33), i + 1, i + 2);
            tables.entries().put(sha256("key " + i), row);
            tables.anyEndpoint().put(sha256("any " + i), row);
        }

        assertThat(tables.lines()).isEqualTo(rows);
        assertThat(tables.slots()).isEqualTo(1 << 17);
        assertThat(tables.entries().size()).isEqualTo(rows);
        for (int i = 0; i < rows; i++) {
            int row = tables.entries().get(sha256("key " + i));
            assertThat(row).isEqualTo(i).isEqualTo(tables.anyEndpoint().get(sha256("any " + i)));
            assertThat(tables.segment(row)).isEqualTo(i % 7);
            assertThat(tables.offset(row)).isEqualTo(1000L * i + (1L << 33));
            assertThat(tables.length(row)).isEqualTo(i + 1);
            assertThat(tables.line(row)).isEqualTo(i + 2);
        }
        assertThat(tables.entries().get(sha256("key " + rows))).isEqualTo(-1);
    }

    @Test
    @DisplayName("take 55 bytes per slot, room for a row per three quarters of a slot")
    void sizes() {
        assertThat(IndexTables.bytes(1 << 10)).isEqualTo(55 * 1024);
        assertThat(IndexTables.rowCapacity(1 << 10)).isEqualTo(768);
        assertThat(IndexTables.empty(1 << 10).block().remaining()).isEqualTo(55 * 1024);
    }

    @Test
    @DisplayName("live off the heap, in a mapped file of the temporary directory that is gone (on Unix) as soon as it is mapped")
    void offTheHeap() throws Exception {
        ByteBuffer memory = IndexMemory.allocate(IndexTables.bytes(IndexTables.FIRST_SLOTS));

        assertThat(memory).isInstanceOf(MappedByteBuffer.class);
        assertThat(memory.isDirect()).isTrue();
        assertThat(memory.getLong(0)).isZero();
        if (System.getProperty("os.name").startsWith("Windows")) {
            return; // deleted there when the mapping is released, not when the channel closes
        }
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("evalunit-index-" + ProcessHandle.current().pid() + "-"));
        }
    }
}
