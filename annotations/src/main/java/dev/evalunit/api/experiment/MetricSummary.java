package dev.evalunit.api.experiment;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * One metric over one experiment's rows.
 *
 * @param mean mean of the scores, {@code null} when no row has one
 * @param support rows with a score
 * @param failures rows without one
 */
@API(status = STABLE, since = "0.1")
public record MetricSummary(String metric, Double mean, int support, int failures) {
    /** Share of rows without a score, {@code null} without rows. */
    public Double failureRate() {
        int rows = support + failures;
        return rows == 0 ? null : (double) failures / rows;
    }
}
