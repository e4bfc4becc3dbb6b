package dev.evalunit.autorater;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("TokenLimit")
class TokenLimitTest {

    @Test
    @DisplayName("counts o200k_base tokens")
    void counts() {
        assertThat(TokenLimit.count("hello world")).isEqualTo(2);
    }

    @Test
    @DisplayName("reads special tokens as plain text instead of failing")
    void specialTokens() {
        assertThat(TokenLimit.count("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    @DisplayName("counts nothing as zero")
    void empty() {
        assertThat(TokenLimit.count("")).isZero();
        assertThat(TokenLimit.count(null)).isZero();
    }

    @Test
    @DisplayName("bounds a text by its UTF-8 bytes: without counting when 3 bytes a char fit, by counting near the limit")
    void withinBytes() {
        // 4 chars: at most 12 bytes, so within 12 without counting; "aé€😀" is 1 + 2 + 3 + 4 = 10 bytes in 5 chars.
        assertThat(TokenLimit.withinBytes(0, "abcd", 12)).isTrue();
        assertThat(TokenLimit.withinBytes(0, "abcd", 4)).isTrue();
        assertThat(TokenLimit.withinBytes(0, "abcd", 3)).isFalse();
        assertThat(TokenLimit.withinBytes(0, "aé€😀", 10)).isTrue();
        assertThat(TokenLimit.withinBytes(0, "aé€😀", 9)).isFalse();
        assertThat(TokenLimit.withinBytes(5, "aé€😀", 14)).isFalse();
        assertThat(TokenLimit.withinBytes(5, "aé€😀", 15)).isTrue();
    }
}
