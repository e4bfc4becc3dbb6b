package dev.evalunit.stats.experiment;

import java.util.Collection;

/** Mean and sample standard deviation that are {@code null}, never {@code NaN}, when undefined. */
final class SampleStatistics {

    private SampleStatistics() {
    }

    /** The mean, {@code null} without values. */
    static Double mean(Collection<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.size();
    }

    /** The sample standard deviation (divisor n - 1), {@code null} with fewer than 2 values. */
    static Double standardDeviation(Collection<Double> values) {
        if (values.size() < 2) {
            return null;
        }
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / (values.size() - 1));
    }
}
