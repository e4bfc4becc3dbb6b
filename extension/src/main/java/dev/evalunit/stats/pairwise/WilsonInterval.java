package dev.evalunit.stats.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The 95% Wilson score interval of a proportion. Chosen over the normal (Wald) interval because it
 * stays inside [0, 1] and keeps its coverage for small samples and rates near 0 or 1, which is what
 * win rates over a few dozen examples look like.
 */
@API(status = INTERNAL, since = "0.1")
public final class WilsonInterval {

    /** The two-sided 95% quantile of the standard normal distribution. */
    static final double Z_95 = 1.959963984540054;

    private WilsonInterval() {
    }

    /**
     * The bounds {@code [low, high]} for {@code successes} out of {@code n}.
     *
     * @throws IllegalArgumentException when {@code n} is 0 (the interval is undefined: report
     *     {@code null} bounds instead) or {@code successes} is outside {@code [0, n]}
     */
    public static double[] of(int successes, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("a Wilson interval needs at least one trial, got n = " + n);
        }
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException("successes must be in [0, " + n + "], got " + successes);
        }
        double p = (double) successes / n;
        double z2 = Z_95 * Z_95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double halfWidth = Z_95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // Rounding can push a bound a hair past 0 or 1 when p is 0 or 1.
        return new double[] {Math.max(0.0, centre - halfWidth), Math.min(1.0, centre + halfWidth)};
    }
}
