package dev.evalunit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    @DisplayName("finds every key put, through many growths, and nothing else")
    void manyKeys() throws Exception {
        KeyTable table = new KeyTable();
        for (int i = 0; i < 50_000; i++) {
            table.put(sha256(i), i);
        }

        assertThat(table.size()).isEqualTo(50_000);
        for (int i = 0; i < 50_000; i++) {
            assertThat(table.get(sha256(i))).isEqualTo(i);
        }
        assertThat(table.get(sha256(50_000))).isEqualTo(-1);
    }

    @Test
    @DisplayName("keeps the last value of a key, found in a longer text from an offset too")
    void replaces() throws Exception {
        KeyTable table = new KeyTable();
        table.put(sha256(1), 7);
        table.put("{\"key\":\"" + sha256(1) + "\"", 8, 0);

        assertThat(table.size()).isEqualTo(1);
        assertThat(table.get(sha256(1))).isZero();
        assertThat(table.get("xx" + sha256(1), 2)).isZero();
    }

    @Test
    @DisplayName("matches on the first 128 bits: the reader of an entry checks the rest")
    void halfKey() throws Exception {
        KeyTable table = new KeyTable();
        String key = sha256(1);
        table.put(key, 3);

        assertThat(table.get(key.substring(0, 32) + "0".repeat(32))).isEqualTo(3);
        assertThat(table.get("0".repeat(32) + key.substring(32))).isEqualTo(-1);
    }

    @Test
    @DisplayName("refuses what is not a hash")
    void notHex() {
        assertThatThrownBy(() -> new KeyTable().get("z".repeat(64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a hex digit at 0 of a hash");
    }
}
