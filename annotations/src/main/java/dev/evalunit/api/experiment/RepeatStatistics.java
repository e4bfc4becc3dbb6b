package dev.evalunit.api.experiment;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * One metric of one configuration across its repeats. {@code null} where it cannot be computed.
 *
 * @param runs repeats with at least one score
 * @param mean mean of the repeats' means
 * @param standardDeviation sample standard deviation of the repeats' means (needs 2 runs)
 * @param ciLow lower bound of the 95% confidence interval of the mean (Student's t over the run means; needs 2 runs)
 * @param ciHigh upper bound of that interval
 * @param rowSpread mean over rows of the sample standard deviation of a row's scores across repeats
 *     (rows scored in at least 2 repeats): how much one answer varies from run to run
 * @param failureRate share of observations without a score, over all repeats
 */
@API(status = STABLE, since = "0.1")
public record RepeatStatistics(String metric, int runs, Double mean, Double standardDeviation, Double ciLow,
                               Double ciHigh, Double rowSpread, Double failureRate) {
}
