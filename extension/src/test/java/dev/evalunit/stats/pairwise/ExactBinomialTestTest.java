package dev.evalunit.stats.pairwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The exact binomial (sign) test against one half")
class ExactBinomialTestTest {

    /**
     * The two-sided p-value by direct summation in exact arithmetic: the probability, under
     * Binomial(n, 1/2), of every outcome no more likely than the one observed.
     */
    private static double directPValue(int successes, int n) {
        BigInteger[] choose = new BigInteger[n + 1];
        choose[0] = BigInteger.ONE;
        for (int k = 1; k <= n; k++) {
            choose[k] = choose[k - 1].multiply(BigInteger.valueOf(n - k + 1)).divide(BigInteger.valueOf(k));
        }
        BigInteger atMostAsLikely = BigInteger.ZERO;
        for (int k = 0; k <= n; k++) {
            if (choose[k].compareTo(choose[successes]) <= 0) {
                atMostAsLikely = atMostAsLikely.add(choose[k]);
            }
        }
        return new BigDecimal(atMostAsLikely).divide(new BigDecimal(BigInteger.TWO.pow(n)), MathContext.DECIMAL128)
                .doubleValue();
    }

    @Nested
    @DisplayName("p-value")
    class PValue {

        @Test
        @DisplayName("of 8 wins in 10 is 2 (1 + 10 + 45) / 1024 = 0.109375, and of 9 in 10 is 2 (1 + 10) / 1024")
        void byHand() {
            assertThat(ExactBinomialTest.twoSidedPValue(8, 10)).isCloseTo(112.0 / 1024, within(1e-15));
            assertThat(ExactBinomialTest.twoSidedPValue(2, 10)).isCloseTo(112.0 / 1024, within(1e-15));
            assertThat(ExactBinomialTest.twoSidedPValue(9, 10)).isCloseTo(22.0 / 1024, within(1e-15));
        }

        @Test
        @DisplayName("equals direct summation in exact arithmetic for every outcome of 1 to 60 trials")
        void everySmallOutcome() {
            for (int n = 1; n <= 60; n++) {
                for (int k = 0; k <= n; k++) {
                    assertThat(ExactBinomialTest.twoSidedPValue(k, n)).as("%d of %d", k, n)
                            .isCloseTo(directPValue(k, n), within(1e-12));
                }
            }
        }

        @ParameterizedTest(name = "{0} of {1}")
        @CsvSource({"540, 1000", "560, 1000", "1450, 3000", "1400, 3000", "0, 1200"})
        @DisplayName("keeps its precision on thousands of trials, where 2^-n underflows a double")
        void manyTrials(int successes, int n) {
            double expected = directPValue(successes, n);

            assertThat(ExactBinomialTest.twoSidedPValue(successes, n)).isCloseTo(expected, within(1e-12 + expected * 1e-9));
        }

        @Test
        @DisplayName("is 1 for an even split and null without trials")
        void edges() {
            assertThat(ExactBinomialTest.twoSidedPValue(5, 10)).isEqualTo(1.0);
            assertThat(ExactBinomialTest.twoSidedPValue(0, 0)).isNull();
        }

        @Test
        @DisplayName("refuses successes outside [0, n]")
        void outOfRange() {
            assertThatThrownBy(() -> ExactBinomialTest.twoSidedPValue(11, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("successes must be in [0, n], got 11 of 10");
        }
    }

    @Nested
    @DisplayName("minimum detectable difference")
    class MinimumDetectableDifference {

        @Test
        @DisplayName("of 10 decisive examples is 0.8: 9 to 1 reaches p = 0.0215, 8 to 2 only p = 0.109")
        void ten() {
            assertThat(ExactBinomialTest.minimumDetectableDifference(10, 0.05)).isEqualTo(0.8);
        }

        @Test
        @DisplayName("is null for 5 decisive examples (5 to 0 gives p = 0.0625) and 1.0 for 6 (6 to 0 gives p = 0.03125)")
        void fewest() {
            assertThat(ExactBinomialTest.minimumDetectableDifference(5, 0.05)).isNull();
            assertThat(ExactBinomialTest.minimumDetectableDifference(6, 0.05)).isEqualTo(1.0);
            assertThat(ExactBinomialTest.minimumDetectableDifference(0, 0.05)).isNull();
        }

        @Test
        @DisplayName("is, for 1 to 150 decisive examples, the first split by direct summation below 0.05")
        void byDirectSummation() {
            for (int n = 1; n <= 150; n++) {
                Double expected = null;
                for (int k = n; k >= 0 && 2 * k >= n; k--) {
                    if (directPValue(k, n) < 0.05) {
                        expected = (double) (2 * k - n) / n;
                    }
                }
                assertThat(ExactBinomialTest.minimumDetectableDifference(n, 0.05)).as("n = %d", n).isEqualTo(expected);
            }
        }

        @Test
        @DisplayName("shrinks as the sample grows: 0.32 for 50 decisive examples (33 to 17), 0.22 for 100 (61 to 39)")
        void shrinks() {
            assertThat(ExactBinomialTest.minimumDetectableDifference(50, 0.05)).isEqualTo(0.32);
            assertThat(ExactBinomialTest.minimumDetectableDifference(100, 0.05)).isEqualTo(0.22);
        }
    }
}
