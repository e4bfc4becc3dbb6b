package dev.evalunit.stats.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Student's t distribution")
class StudentTTest {

    @Nested
    @DisplayName("its 0.975 quantile")
    class Quantile975 {

        @ParameterizedTest(name = "with {0} degrees of freedom is {1}")
        @CsvSource({"1, 12.706", "2, 4.303", "10, 2.228", "30, 2.042"})
        @DisplayName("matches the printed tables to three decimals")
        void printedTables(int degreesOfFreedom, double table) {
            assertThat(StudentT.quantile(0.975, degreesOfFreedom)).isCloseTo(table, within(0.0005));
        }

        @ParameterizedTest(name = "with {0} degrees of freedom is {1}")
        @CsvSource({"1, 12.7062047362", "2, 4.3026527297", "3, 3.1824463053", "4, 2.7764451052",
            "5, 2.5705818356", "10, 2.2281388520", "30, 2.0422724563", "100, 1.9839715184", "1000, 1.9623390808"})
        @DisplayName("matches ten-decimal reference values")
        void tenDecimals(int degreesOfFreedom, double reference) {
            assertThat(StudentT.quantile(0.975, degreesOfFreedom)).isCloseTo(reference, within(1e-9));
        }

        @Test
        @DisplayName("approaches the normal quantile 1.959964 as the degrees of freedom grow")
        void approachesNormal() {
            // t = z + (z^3 + z) / (4 df) + ... = 1.9599640 + 0.0000024 for a million degrees.
            assertThat(StudentT.quantile(0.975, 1_000_000)).isCloseTo(1.9599664, within(1e-6));
        }
    }

    @ParameterizedTest(name = "p = {0}")
    @ValueSource(doubles = {0.6, 0.9, 0.95, 0.975, 0.995, 0.9999})
    @DisplayName("equals the closed forms tan(pi (p - 1/2)) for 1 degree and (2p - 1) / sqrt(2p (1 - p)) for 2")
    void closedForms(double p) {
        assertThat(StudentT.quantile(p, 1)).isCloseTo(Math.tan(Math.PI * (p - 0.5)), within(1e-9 * Math.tan(Math.PI * (p - 0.5))));
        assertThat(StudentT.quantile(p, 2)).isCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), within(1e-10));
    }

    @Test
    @DisplayName("is symmetric around 0, with the median at exactly 0")
    void symmetric() {
        assertThat(StudentT.quantile(0.025, 10)).isEqualTo(-StudentT.quantile(0.975, 10));
        assertThat(StudentT.quantile(0.5, 7)).isEqualTo(0.0);
        assertThat(StudentT.cdf(0, 7)).isCloseTo(0.5, within(1e-15));
    }

    @ParameterizedTest(name = "{1} degrees of freedom, p = {0}")
    @CsvSource({"0.995, 4", "0.9, 7", "0.3, 12", "0.999, 3", "0.05, 50"})
    @DisplayName("has a distribution function that maps each quantile back to its probability")
    void roundTrip(double p, int degreesOfFreedom) {
        assertThat(StudentT.cdf(StudentT.quantile(p, degreesOfFreedom), degreesOfFreedom)).isCloseTo(p, within(1e-12));
    }

    @Test
    @DisplayName("has the 0.995 quantile 4.604095 with 4 degrees of freedom")
    void quantile995() {
        assertThat(StudentT.quantile(0.995, 4)).isCloseTo(4.604094871, within(1e-8));
    }

    @Test
    @DisplayName("computes log-gamma exactly enough: ln Γ(1/2) = ln √π, ln Γ(10) = ln 9!, ln Γ(100)")
    void logGamma() {
        assertThat(StudentT.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
        assertThat(StudentT.logGamma(1)).isCloseTo(0.0, within(1e-14));
        assertThat(StudentT.logGamma(2)).isCloseTo(0.0, within(1e-14));
        assertThat(StudentT.logGamma(10)).isCloseTo(Math.log(362_880), within(1e-12));
        assertThat(StudentT.logGamma(100)).isCloseTo(359.1342053695754, within(1e-10));
    }

    @Test
    @DisplayName("rejects probabilities outside (0, 1) and fewer than 1 degree of freedom")
    void rejectsBadArguments() {
        assertThatThrownBy(() -> StudentT.quantile(1.0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p must be strictly between 0 and 1, got 1.0");
        assertThatThrownBy(() -> StudentT.quantile(0.0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p must be strictly between 0 and 1, got 0.0");
        assertThatThrownBy(() -> StudentT.quantile(0.975, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("degrees of freedom must be at least 1, got 0");
    }
}
