package dev.evalunit.stats.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The two-sided exact binomial test of a share against one half: the sign test. Used for A wins
 * against B wins (ties left out), first-position wins against second-position wins, and longer
 * against shorter responses. Exact, so it needs no large-sample approximation and holds for a
 * handful of examples; computed in log space, so it holds for many thousands too.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExactBinomialTest {

    /** The usual significance level of a gate. */
    public static final double ALPHA_05 = 0.05;

    private ExactBinomialTest() {
    }

    /**
     * The two-sided p-value of {@code successes} out of {@code n} when each trial succeeds with
     * probability 1/2: {@code min(1, 2 P(X <= min(successes, n - successes)))}, X ~ Binomial(n, 1/2)
     * (the distribution is symmetric, so doubling the smaller tail is the exact two-sided test).
     *
     * @return {@code null} when {@code n} is 0 (nothing to test)
     * @throws IllegalArgumentException when {@code successes} is outside {@code [0, n]}
     */
    public static Double twoSidedPValue(int successes, int n) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("successes must be in [0, n], got " + successes + " of " + n);
        }
        if (n == 0) {
            return null;
        }
        int tail = Math.min(successes, n - successes);
        if (2 * tail == n) {
            return 1.0;
        }
        return Math.min(1.0, 2 * Math.exp(logLowerTail(tail, n)));
    }

    /**
     * The smallest difference between the two shares, {@code (k - (n - k)) / n}, that a result on
     * {@code n} trials can show and still reach a two-sided p-value below {@code alpha}: what this
     * sample size can detect at all.
     *
     * @return {@code null} when no split of {@code n} trials reaches it (e.g. {@code n <= 5} at 0.05)
     */
    public static Double minimumDetectableDifference(int n, double alpha) {
        if (n <= 0) {
            return null;
        }
        // The p-value falls as the split moves away from even: take the first split below alpha.
        for (int k = (n + 1) / 2; k <= n; k++) {
            Double p = twoSidedPValue(k, n);
            if (p < alpha) {
                return (double) (2 * k - n) / n;
            }
        }
        return null;
    }

    /**
     * log P(X <= tail) for X ~ Binomial(n, 1/2) and {@code tail <= n / 2}. The terms grow with k up
     * to the tail's end, so they are summed relative to the last one, which keeps every term in range.
     */
    private static double logLowerTail(int tail, int n) {
        double[] logTerms = new double[tail + 1];
        double logChoose = 0; // log C(n, 0)
        for (int k = 0; k <= tail; k++) {
            logTerms[k] = logChoose;
            logChoose += Math.log(n - k) - Math.log(k + 1.0);
        }
        double largest = logTerms[tail];
        double sum = 0;
        for (double logTerm : logTerms) {
            sum += Math.exp(logTerm - largest);
        }
        return largest + Math.log(sum) - n * Math.log(2);
    }
}
