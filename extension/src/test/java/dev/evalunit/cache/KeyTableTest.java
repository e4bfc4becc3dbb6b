package dev.evalunit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cache index's key table")
class KeyTableTest {

    private static String sha256(int i) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(("request " + i).getBytes(StandardCharsets.UTF_8)));
    }

    /** A table of {@code slots} slots in a heap buffer (the index's own memory is a mapped file). */
    private static KeyTable table(int slots) {
        return new KeyTable(ByteBuffer.allocate(slots * KeyTable.SLOT_BYTES), 0, slots, 0);
    }

    @Test
    @DisplayName("finds every key put, up to three quarters full, and nothing else")
    void manyKeys() throws Exception {
        KeyTable table = table(1 << 16);
        for (int i = 0; i < 49_152; i++) {
            table.put(sha256(i), i);
        }

        assertThat(table.size()).isEqualTo(49_152);
        for (int i = 0; i < 49_152; i++) {
            assertThat(table.get(sha256(i))).isEqualTo(i);
        }
        assertThat(table.get(sha256(49_152))).isEqualTo(-1);
    }

    @Test
    @DisplayName("keeps the last value of a key, found in a longer text from an offset too")
    void replaces() throws Exception {
        KeyTable table = table(1 << 10);
        table.put(sha256(1), 7);
        table.put("{\"key\":\"" + sha256(1) + "\"", 8, 0);

        assertThat(table.size()).isEqualTo(1);
        assertThat(table.get(sha256(1))).isZero();
        assertThat(table.get("xx" + sha256(1), 2)).isZero();
    }

    @Test
    @DisplayName("matches on the first 128 bits: the reader of an entry checks the rest")
    void halfKey() throws Exception {
        KeyTable table = table(1 << 10);
        String key = sha256(1);
        table.put(key, 3);

        assertThat(table.get(key.substring(0, 32) + "0".repeat(32))).isEqualTo(3);
        assertThat(table.get("0".repeat(32) + key.substring(32))).isEqualTo(-1);
    }

    @Test
    @DisplayName("moves every key into a larger table, which finds them all")
    void copyInto() throws Exception {
        KeyTable small = table(1 << 10);
        for (int i = 0; i < 768; i++) {
            small.put(sha256(i), i);
        }
        KeyTable larger = table(1 << 11);
        small.copyInto(larger);

        assertThat(larger.size()).isEqualTo(768);
        for (int i = 0; i < 768; i++) {
            assertThat(larger.get(sha256(i))).isEqualTo(i);
        }
    }

    @Test
    @DisplayName("refuses what is not a hash")
    void notHex() {
        assertThatThrownBy(() -> table(1 << 10).get("z".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a hex digit at 0 of a hash");
    }
}
