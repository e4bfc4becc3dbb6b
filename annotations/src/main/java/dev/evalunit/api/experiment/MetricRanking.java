package dev.evalunit.api.experiment;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Configurations ordered best first on one metric, by mean of run means, following the metric's direction.
 *
 * @param configurationIds best first; configurations without a mean are left out
 * @param pValue two-sided p-value of a paired permutation (sign-flip) test of whether the best and the
 *     runner-up differ, over the rows scored by both (matched by row id; each row's score averaged over
 *     its configuration's repeats); {@code null} with fewer than two ranked configurations or no row
 *     scored by both
 */
@API(status = STABLE, since = "0.1")
public record MetricRanking(String metric, boolean higherIsBetter, List<String> configurationIds, Double pValue) {
    public MetricRanking {
        configurationIds = List.copyOf(configurationIds);
    }
}
