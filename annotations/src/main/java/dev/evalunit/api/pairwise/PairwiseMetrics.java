package dev.evalunit.api.pairwise;

import static dev.evalunit.api.pairwise.MetricNames.*;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The figures of a pairwise evaluation. Win and tie rates are over the examples whose judgment is
 * not an error; a figure whose denominator is empty is {@code null}, never {@code NaN}.
 *
 * @param humanAlignment agreement with human preferences, or {@code null} without a human preference column
 */
@API(status = STABLE, since = "0.1")
public record PairwiseMetrics(int exampleCount, int errorCount,
                              Double modelAWinRate, Double modelBWinRate, Double tieRate,
                              Double modelAWinRateCiLow, Double modelAWinRateCiHigh,
                              Double positionConsistency,
                              HumanAlignment humanAlignment) {

    public Optional<HumanAlignment> human() {
        return Optional.ofNullable(humanAlignment);
    }

    /** The metrics JSON object: contract names (see {@link MetricNames}) in a stable order, nulls kept. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(EXAMPLE_COUNT, exampleCount);
        map.put(ERROR_COUNT, errorCount);
        map.put(MODEL_A_WIN_RATE, modelAWinRate);
        map.put(MODEL_B_WIN_RATE, modelBWinRate);
        map.put(TIE_RATE, tieRate);
        map.put(MODEL_A_WIN_RATE_CI_LOW, modelAWinRateCiLow);
        map.put(MODEL_A_WIN_RATE_CI_HIGH, modelAWinRateCiHigh);
        map.put(POSITION_CONSISTENCY, positionConsistency);
        if (humanAlignment != null) {
            humanAlignment.putInto(map);
        }
        return Collections.unmodifiableMap(map);
    }
}
