package dev.evalunit.stats.pairwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The 95% interval of Cohen's kappa")
class KappaIntervalTest {

    /** Labels of {@code count} items labelled {@code first} by one rater and {@code second} by the other. */
    private static void add(List<String> a, List<String> b, String first, String second, int count) {
        a.addAll(Collections.nCopies(count, first));
        b.addAll(Collections.nCopies(count, second));
    }

    @Test
    @DisplayName("on a 2x2 table by hand: 9 AA, 3 AB, 2 BA, 6 BB gives kappa 0.4898 in [0.1058, 0.8738]")
    void twoByTwoByHand() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        add(a, b, "A", "A", 9);
        add(a, b, "A", "B", 3);
        add(a, b, "B", "A", 2);
        add(a, b, "B", "B", 6);
        // n = 20; shares p_AA .45, p_AB .15, p_BA .10, p_BB .30; rows .60/.40, columns .55/.45.
        // p_o = .75, p_e = .6 x .55 + .4 x .45 = .51, kappa = .24 / .49.
        double kappa = 0.24 / 0.49;
        double diagonal = 0.45 * Math.pow(1 - (0.60 + 0.55) * (1 - kappa), 2)
                + 0.30 * Math.pow(1 - (0.40 + 0.45) * (1 - kappa), 2);
        // off the diagonal, p_ij (p_.i + p_j.)^2: AB takes column A + row B, BA column B + row A.
        double offDiagonal = Math.pow(1 - kappa, 2) * (0.15 * Math.pow(0.55 + 0.40, 2) + 0.10 * Math.pow(0.45 + 0.60, 2));
        double correction = Math.pow(kappa - 0.51 * (1 - kappa), 2);
        double se = Math.sqrt((diagonal + offDiagonal - correction) / (20 * 0.49 * 0.49));

        double[] interval = KappaInterval.of(a, b);

        assertThat(se).isCloseTo(0.19591, within(0.00001));
        assertThat(interval[0]).isCloseTo(kappa - 1.959963984540054 * se, within(1e-12)).isCloseTo(0.1058, within(0.00005));
        assertThat(interval[1]).isCloseTo(kappa + 1.959963984540054 * se, within(1e-12)).isCloseTo(0.8738, within(0.00005));
    }

    @Test
    @DisplayName("on a 3x3 table agrees with the matrix form of Fleiss, Cohen and Everitt's variance")
    void threeByThree() {
        String[] labels = {"A", "B", "TIE"};
        int[][] table = {{12, 3, 2}, {2, 9, 1}, {3, 2, 6}};
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        double n = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                add(a, b, labels[i], labels[j], table[i][j]);
                n += table[i][j];
            }
        }
        double[] rows = new double[3];
        double[] columns = new double[3];
        double observed = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                rows[i] += table[i][j] / n;
                columns[j] += table[i][j] / n;
            }
            observed += table[i][i] / n;
        }
        double chance = rows[0] * columns[0] + rows[1] * columns[1] + rows[2] * columns[2];
        double kappa = (observed - chance) / (1 - chance);
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double p = table[i][j] / n;
                sum += i == j ? p * Math.pow(1 - (rows[i] + columns[i]) * (1 - kappa), 2)
                        : Math.pow(1 - kappa, 2) * p * Math.pow(columns[i] + rows[j], 2);
            }
        }
        double se = Math.sqrt((sum - Math.pow(kappa - chance * (1 - kappa), 2)) / (n * Math.pow(1 - chance, 2)));

        double[] interval = KappaInterval.of(a, b);

        assertThat(interval[0]).isCloseTo(kappa - 1.959963984540054 * se, within(1e-12));
        assertThat(interval[1]).isCloseTo(kappa + 1.959963984540054 * se, within(1e-12));
    }

    @Test
    @DisplayName("is [1, 1] for perfect agreement on two labels, clipped to 1 above, and null when it is 0/0")
    void edges() {
        assertThat(KappaInterval.of(List.of("A", "B", "A"), List.of("A", "B", "A"))).containsExactly(1.0, 1.0);
        double[] wide = KappaInterval.of(List.of("A", "A", "B", "B", "A"), List.of("A", "A", "B", "B", "B"));
        assertThat(wide[1]).isEqualTo(1.0);
        assertThat(wide[0]).isGreaterThanOrEqualTo(-1.0);
        assertThat(KappaInterval.of(List.of("A", "A"), List.of("A", "A"))).isNull();
        assertThat(KappaInterval.of(List.of(), List.of())).isNull();
    }
}
