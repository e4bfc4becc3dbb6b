package dev.evalunit.stats.pairwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The 95% Wilson interval")
class WilsonIntervalTest {

    private static final double FOUR_DECIMALS = 0.00005;

    @Test
    @DisplayName("of 8 successes in 10 is [0.4902, 0.9433]")
    void eightOfTen() {
        double[] interval = WilsonInterval.of(8, 10);

        assertThat(interval[0]).isCloseTo(0.4902, within(FOUR_DECIMALS));
        assertThat(interval[1]).isCloseTo(0.9433, within(FOUR_DECIMALS));
    }

    @Test
    @DisplayName("of 2 in 4 is symmetric around one half: [0.1500, 0.8500]")
    void twoOfFour() {
        double[] interval = WilsonInterval.of(2, 4);

        assertThat(interval[0]).isCloseTo(0.1500, within(FOUR_DECIMALS));
        assertThat(interval[1]).isCloseTo(0.8500, within(FOUR_DECIMALS));
    }

    @Test
    @DisplayName("of 0 in 10 starts at exactly 0 and reaches 0.2775")
    void noneOfTen() {
        double[] interval = WilsonInterval.of(0, 10);

        assertThat(interval[0]).isEqualTo(0.0);
        assertThat(interval[1]).isCloseTo(0.2775, within(FOUR_DECIMALS));
    }

    @Test
    @DisplayName("of 10 in 10 starts at 0.7225 and never exceeds 1")
    void allOfTen() {
        double[] interval = WilsonInterval.of(10, 10);

        assertThat(interval[0]).isCloseTo(0.7225, within(FOUR_DECIMALS));
        assertThat(interval[1]).isCloseTo(1.0, within(1e-12)).isLessThanOrEqualTo(1.0);
    }

    @Test
    @DisplayName("is undefined without trials: the caller reports null bounds")
    void rejectsZeroTrials() {
        assertThatThrownBy(() -> WilsonInterval.of(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a Wilson interval needs at least one trial, got n = 0");
    }

    @Test
    @DisplayName("rejects more successes than trials")
    void rejectsTooManySuccesses() {
        assertThatThrownBy(() -> WilsonInterval.of(11, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("successes must be in [0, 10], got 11");
    }

    @Test
    @DisplayName("reproduces Newcombe (1998, Statistics in Medicine 17:857, method 3): 81/263 [0.2553, 0.3662], 15/148 [0.0624, 0.1605], 0/20 [0, 0.1611], 1/29 [0.0061, 0.1718]")
    void newcombe() {
        assertThat(WilsonInterval.of(81, 263)).containsExactly(new double[] {0.2553, 0.3662}, within(FOUR_DECIMALS));
        assertThat(WilsonInterval.of(15, 148)).containsExactly(new double[] {0.0624, 0.1605}, within(FOUR_DECIMALS));
        assertThat(WilsonInterval.of(0, 20)).containsExactly(new double[] {0.0, 0.1611}, within(FOUR_DECIMALS));
        assertThat(WilsonInterval.of(1, 29)).containsExactly(new double[] {0.0061, 0.1718}, within(FOUR_DECIMALS));
    }
}
