package dev.evalunit.assertj;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Assertions on a figure that comes with a 95% interval (a win or tie rate, a kappa). Besides the
 * comparisons of {@link StatisticAssert} on the point estimate, {@link #ciLow()} and
 * {@link #ciHigh()} move to the interval's bounds: {@code modelAWinRate().ciLow().isGreaterThan(0.5)}
 * passes only when the sample shows A ahead beyond chance, so the gate does not flip from build to
 * build on the same models.
 */
@API(status = STABLE, since = "0.1")
public class EstimateAssert extends StatisticAssert {

    private final String statistic;
    private final String context;
    private final Double low;
    private final Double high;

    EstimateAssert(Double actual, String statistic, String context, Double low, Double high) {
        super(actual, statistic, context);
        this.statistic = statistic;
        this.context = context;
        this.low = low;
        this.high = high;
    }

    /** The lower bound of the 95% interval, named {@code <statistic>_ci_low} in failure messages. */
    public StatisticAssert ciLow() {
        return bound(low, "_ci_low");
    }

    /** The upper bound of the 95% interval, named {@code <statistic>_ci_high} in failure messages. */
    public StatisticAssert ciHigh() {
        return bound(high, "_ci_high");
    }

    private StatisticAssert bound(Double value, String suffix) {
        String estimate = statistic + " " + (actual == null ? "null" : format(actual)) + ", 95% interval "
                + (low == null || high == null ? "null" : "[" + format(low) + ", " + format(high) + "]");
        StatisticAssert bound = new StatisticAssert(value, statistic + suffix, estimate + "; " + context);
        return info.hasDescription() ? bound.as(info.description()) : bound;
    }
}
