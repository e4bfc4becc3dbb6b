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
}
