package dev.evalunit.assertj;

import static org.apiguardian.api.API.Status.STABLE;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one figure of an evaluation. A figure that could not be computed (its denominator
 * is empty) is {@code null} and fails every comparison, saying so.
 */
@API(status = STABLE, since = "0.1")
public class StatisticAssert extends AbstractAssert<StatisticAssert, Double> {

    private final String statistic;
    private final String context;
    private final String whyNull;

    StatisticAssert(Double actual, String statistic, String context) {
        this(actual, statistic, context, "its denominator is empty");
    }

    /** @param whyNull why the figure would be null, e.g. {@code it needs 2 runs with a score} */
    StatisticAssert(Double actual, String statistic, String context, String whyNull) {
        super(actual, StatisticAssert.class);
        this.statistic = statistic;
        this.context = context;
        this.whyNull = whyNull;
    }

    public StatisticAssert isGreaterThan(double threshold) {
        return check(actual != null && actual > threshold, "greater than", threshold);
    }

    public StatisticAssert isGreaterThanOrEqualTo(double threshold) {
        return check(actual != null && actual >= threshold, "greater than or equal to", threshold);
    }

    public StatisticAssert isLessThan(double threshold) {
        return check(actual != null && actual < threshold, "less than", threshold);
    }

    public StatisticAssert isLessThanOrEqualTo(double threshold) {
        return check(actual != null && actual <= threshold, "less than or equal to", threshold);
    }

    /** Fails unless the figure lies in {@code [low, high]}, both ends included. */
    public StatisticAssert isBetween(double low, double high) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("isBetween needs low <= high, but got " + format(low) + " and " + format(high));
        }
        boolean holds = actual != null && actual >= low && actual <= high;
        if (!holds) {
            fail("between " + format(low) + " and " + format(high));
        }
        return this;
    }

    /** Fails unless the figure could be computed. */
    public StatisticAssert isComputed() {
        if (actual == null) {
            failWithMessage("Expected %s to be computed, but it is null (%s); %s", statistic, whyNull, context);
        }
        return this;
    }

    private StatisticAssert check(boolean holds, String relation, double threshold) {
        if (!holds) {
            fail(relation + " " + format(threshold));
        }
        return this;
    }

    private void fail(String expectation) {
        String value = actual == null ? "null (" + whyNull + ")" : format(actual);
        failWithMessage("Expected %s to be %s, but was %s; %s", statistic, expectation, value, context);
    }

    /**
     * Whole numbers without decimals, others with at most four decimals, trailing zeros dropped
     * ({@code 1}, {@code 0.5}, {@code 0.3333}); a value that four decimals would show as {@code 0}
     * keeps four significant digits, so that it never reads as zero.
     */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal exact = BigDecimal.valueOf(value);
        BigDecimal shown = exact.setScale(4, RoundingMode.HALF_UP);
        if (shown.signum() == 0 && exact.signum() != 0) {
            shown = exact.round(new MathContext(4, RoundingMode.HALF_UP));
        }
        return shown.stripTrailingZeros().toPlainString();
    }
}
