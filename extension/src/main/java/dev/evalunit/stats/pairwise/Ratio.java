package dev.evalunit.stats.pairwise;

/** A share that is {@code null}, never {@code NaN}, when its denominator is empty. */
final class Ratio {

    private Ratio() {
    }

    static Double of(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }
}
