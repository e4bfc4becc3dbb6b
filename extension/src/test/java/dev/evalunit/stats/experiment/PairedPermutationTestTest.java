package dev.evalunit.stats.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The paired permutation test")
class PairedPermutationTestTest {

    private static final long SEED = 42;

    @Nested
    @DisplayName("enumerates every sign assignment up to 16 non-zero differences")
    class Exact {

        @Test
        @DisplayName("5 equal positive differences: only all-plus and all-minus are as extreme, p = 2/32")
        void allEqual() {
            assertThat(PairedPermutationTest.pValue(new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, SEED)).isEqualTo(0.0625);
        }

        @Test
        @DisplayName("differences 1, 2, 3 (sum 6): sums ±6 of 8 assignments, p = 0.25; a zero changes nothing")
        void oneTwoThree() {
            assertThat(PairedPermutationTest.pValue(new double[] {1, 2, 3}, SEED)).isEqualTo(0.25);
            assertThat(PairedPermutationTest.pValue(new double[] {1, 0, 2, 3}, SEED)).isEqualTo(0.25);
        }

        @Test
        @DisplayName("differences 3 and -1 (sum 2): every assignment sums to ±2 or ±4, p = 1")
        void opposite() {
            assertThat(PairedPermutationTest.pValue(new double[] {3, -1}, SEED)).isEqualTo(1.0);
        }

        @Test
        @DisplayName("is two-sided: flipping every difference gives the same p")
        void twoSided() {
            assertThat(PairedPermutationTest.pValue(new double[] {-1, -2, -3}, SEED)).isEqualTo(0.25);
        }

        @Test
        @DisplayName("counts sums that equal the observed one only up to rounding (0.1 + 0.2 - 0.3 is not 0 in doubles)")
        void rounding() {
            // ±0.1 ±0.2 ±0.3 is one of 0.6, 0.4, 0.2, 0, 0, -0.2, -0.4, -0.6; with ±0.6 added, 10 of the 16
            // sums reach |0.6|, two of them only in exact arithmetic.
            assertThat(PairedPermutationTest.pValue(new double[] {0.1, 0.2, -0.3, 0.6}, SEED)).isEqualTo(0.625);
        }

        @Test
        @DisplayName("16 equal differences: p = 2/65536, still exact")
        void sixteen() {
            double[] differences = new double[16];
            Arrays.fill(differences, 1.0);

            assertThat(PairedPermutationTest.pValue(differences, SEED)).isEqualTo(2.0 / 65_536);
        }
    }

    @Nested
    @DisplayName("above 16 non-zero differences, draws 10,000 random sign assignments")
    class Sampled {

        @Test
        @DisplayName("and gives (extreme + 1) / 10,001, never 0: 20 equal differences give 1/10,001 with this seed")
        void neverZero() {
            double[] differences = new double[20];
            Arrays.fill(differences, 1.0);

            assertThat(PairedPermutationTest.pValue(differences, SEED)).isEqualTo(1.0 / 10_001);
        }

        @Test
        @DisplayName("and lands close to the exact p of 17 mixed differences (computed here by enumeration)")
        void closeToExact() {
            double[] differences = {0.9, -0.3, 0.4, 0.2, -0.5, 0.7, 0.1, 0.6, -0.2, 0.3, 0.8, -0.4, 0.5, 0.2, -0.1,
                0.3, 0.4};

            double sampled = PairedPermutationTest.pValue(differences, SEED);

            assertThat(sampled).isCloseTo(enumerated(differences), within(0.02));
            assertThat(sampled * 10_001).isCloseTo(Math.rint(sampled * 10_001), within(1e-6));
        }

        @Test
        @DisplayName("and gives the same p for the same seed")
        void reproducible() {
            double[] differences = {0.9, -0.3, 0.4, 0.2, -0.5, 0.7, 0.1, 0.6, -0.2, 0.3, 0.8, -0.4, 0.5, 0.2, -0.1,
                0.3, 0.4};

            assertThat(PairedPermutationTest.pValue(differences, 7)).isEqualTo(PairedPermutationTest.pValue(differences, 7));
        }

        @Test
        @DisplayName("and draws the signs java.util.Random draws for the seed, in order: its p to the last bit")
        void signsOfJavaUtilRandom() {
            Random data = new Random(42);
            for (int trial = 0; trial < 12; trial++) {
                double[] differences = new double[17 + data.nextInt(200)];
                for (int i = 0; i < differences.length; i++) {
                    differences[i] = data.nextInt(9) * 0.25 - 0.9 + data.nextDouble() * 0.01;
                }
                long seed = data.nextLong();

                assertThat(PairedPermutationTest.pValue(differences, seed))
                        .as("%d differences, seed %d", differences.length, seed)
                        .isEqualTo(withJavaUtilRandom(differences, seed))
                        .isStrictlyBetween(0.0, 1.0);
            }
        }

        /** The sampling as it was written with java.util.Random, before its generator was written out. */
        private double withJavaUtilRandom(double[] differences, long seed) {
            double observed = 0;
            double scale = 0;
            for (double difference : differences) {
                observed += difference;
                scale += Math.abs(difference);
            }
            double threshold = Math.abs(observed) - 1e-10 * scale;
            Random random = new Random(seed);
            int extreme = 0;
            for (int permutation = 0; permutation < 10_000; permutation++) {
                double sum = 0;
                for (double difference : differences) {
                    sum += random.nextBoolean() ? difference : -difference;
                }
                if (Math.abs(sum) >= threshold) {
                    extreme++;
                }
            }
            return (extreme + 1.0) / 10_001;
        }

        private double enumerated(double[] differences) {
            double observed = Math.abs(Arrays.stream(differences).sum());
            int extreme = 0;
            int assignments = 1 << differences.length;
            for (int signs = 0; signs < assignments; signs++) {
                double sum = 0;
                for (int i = 0; i < differences.length; i++) {
                    sum += (signs >> i & 1) == 0 ? differences[i] : -differences[i];
                }
                if (Math.abs(sum) >= observed - 1e-9) {
                    extreme++;
                }
            }
            return (double) extreme / assignments;
        }
    }

    @Test
    @DisplayName("gives p = 1 when every difference is 0 and null without differences")
    void degenerate() {
        assertThat(PairedPermutationTest.pValue(new double[] {0, 0, 0}, SEED)).isEqualTo(1.0);
        assertThat(PairedPermutationTest.pValue(new double[0], SEED)).isNull();
    }
}
