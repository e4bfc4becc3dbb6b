package dev.evalunit.stats.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Student's t distribution: its distribution function and its quantiles, computed for any number of
 * degrees of freedom (not read from a table), so that a confidence interval over 7 or 70 repeats is
 * as exact as one over 2.
 */
@API(status = INTERNAL, since = "0.1")
public final class StudentT {

    private static final double LOG_SQRT_TWO_PI = 0.9189385332046728;
    private static final int LANCZOS_G = 7;
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    private static final int MAX_FRACTION_TERMS = 100_000;
    private static final double FRACTION_EPSILON = 1e-16;
    private static final double TINY = 1e-300;

    private StudentT() {
    }

    /**
     * The {@code p}-quantile: the {@code t} with {@code P(T <= t) = p}, e.g. {@code quantile(0.975, 10)}
     * is 2.2281. Accurate to about 1e-10 relative up to a thousand degrees of freedom (the
     * log-gamma approximation limits it; beyond a million degrees it drifts towards 1e-7).
     *
     * @throws IllegalArgumentException when {@code p} is not strictly between 0 and 1 or
     *     {@code degreesOfFreedom} is below 1
     */
    public static double quantile(double p, int degreesOfFreedom) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be strictly between 0 and 1, got " + p);
        }
        requireDegreesOfFreedom(degreesOfFreedom);
        if (p == 0.5) {
            return 0.0;
        }
        if (p < 0.5) {
            return -quantile(1 - p, degreesOfFreedom);
        }
        // The upper tail beyond t, counted on both sides, is what the incomplete beta function gives.
        double target = 2 * (1 - p);
        double low = 0;
        double high = 1;
        while (twoSidedTail(high, degreesOfFreedom) > target) {
            low = high;
            high *= 2;
        }
        // Bisection: the tail falls strictly with t, and halving until the bracket cannot shrink
        // gives the quantile to the last bits the tail function resolves.
        while (true) {
            double middle = low + (high - low) / 2;
            if (middle <= low || middle >= high) {
                return middle;
            }
            if (twoSidedTail(middle, degreesOfFreedom) > target) {
                low = middle;
            } else {
                high = middle;
            }
        }
    }

    /** {@code P(T <= t)}. */
    public static double cdf(double t, int degreesOfFreedom) {
        requireDegreesOfFreedom(degreesOfFreedom);
        double halfTail = twoSidedTail(Math.abs(t), degreesOfFreedom) / 2;
        return t >= 0 ? 1 - halfTail : halfTail;
    }

    /** {@code P(|T| >= t)} for {@code t >= 0}: the regularized incomplete beta {@code I_x(df/2, 1/2)}. */
    static double twoSidedTail(double t, int degreesOfFreedom) {
        double df = degreesOfFreedom;
        double denominator = df + t * t;
        // Both x and 1 - x computed directly, so that neither loses digits to a subtraction from 1.
        return regularizedBeta(df / denominator, t * t / denominator, df / 2, 0.5);
    }

    /** {@code I_x(a, b)}, given {@code x} and {@code y = 1 - x}. */
    static double regularizedBeta(double x, double y, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (y <= 0) {
            return 1;
        }
        double logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(y);
        double front = Math.exp(logFront);
        // The continued fraction converges fast only below this point; above it, use the symmetry
        // I_x(a, b) = 1 - I_{1-x}(b, a).
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(y, b, a) / b;
    }

    /** The continued fraction of the incomplete beta function, by the modified Lentz method. */
    private static double continuedFraction(double x, double a, double b) {
        double sum = a + b;
        double aPlusOne = a + 1;
        double aMinusOne = a - 1;
        double c = 1;
        double d = nonZero(1 - sum * x / aPlusOne);
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MAX_FRACTION_TERMS; m++) {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((aMinusOne + m2) * (a + m2));
            d = 1 / nonZero(1 + even * d);
            c = nonZero(1 + even / c);
            h *= d * c;
            double odd = -(a + m) * (sum + m) * x / ((a + m2) * (aPlusOne + m2));
            d = 1 / nonZero(1 + odd * d);
            c = nonZero(1 + odd / c);
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < FRACTION_EPSILON) {
                return h;
            }
        }
        throw new ArithmeticException("the incomplete beta function did not converge for a = " + a + ", b = " + b);
    }

    private static double nonZero(double value) {
        return Math.abs(value) < TINY ? TINY : value;
    }

    /** {@code ln Γ(z)} for {@code z >= 0.5}, by Lanczos' approximation (g = 7, 9 terms). */
    static double logGamma(double z) {
        if (!(z >= 0.5)) {
            throw new IllegalArgumentException("logGamma is implemented for z >= 0.5, got " + z);
        }
        double shifted = z - 1;
        double series = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            series += LANCZOS[i] / (shifted + i);
        }
        double t = shifted + LANCZOS_G + 0.5;
        return LOG_SQRT_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
    }

    private static void requireDegreesOfFreedom(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + degreesOfFreedom);
        }
    }
}
