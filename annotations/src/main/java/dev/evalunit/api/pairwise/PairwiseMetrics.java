package dev.evalunit.api.pairwise;

import static dev.evalunit.api.pairwise.MetricNames.*;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The figures of a pairwise evaluation. Win and tie rates are over the examples whose judgment is
 * not an error, each with its 95% Wilson interval; a figure whose denominator is empty is
 * {@code null}, never {@code NaN}.
 *
 * @param humanAlignment agreement with human preferences, or {@code null} without a human preference column
 * @param signTest the exact test of A against B on the decisive examples
 * @param judgeBias the autorater's position and length bias
 */
@API(status = STABLE, since = "0.1")
public record PairwiseMetrics(int exampleCount, int errorCount,
                              Double modelAWinRate, Double modelBWinRate, Double tieRate,
                              Double modelAWinRateCiLow, Double modelAWinRateCiHigh,
                              Double positionConsistency,
                              HumanAlignment humanAlignment,
                              Double modelBWinRateCiLow, Double modelBWinRateCiHigh,
                              Double tieRateCiLow, Double tieRateCiHigh,
                              SignTest signTest, JudgeBias judgeBias) {

    public PairwiseMetrics {
        Objects.requireNonNull(signTest, "signTest (SignTest.NONE when not computed)");
        Objects.requireNonNull(judgeBias, "judgeBias (JudgeBias.NONE when not computed)");
    }

    /**
     * The figures of the first release: the B and tie intervals {@code null}, the sign test and
     * the judge bias {@link SignTest#NONE} and {@link JudgeBias#NONE}.
     */
    public PairwiseMetrics(int exampleCount, int errorCount,
                           Double modelAWinRate, Double modelBWinRate, Double tieRate,
                           Double modelAWinRateCiLow, Double modelAWinRateCiHigh,
                           Double positionConsistency,
                           HumanAlignment humanAlignment) {
        this(exampleCount, errorCount, modelAWinRate, modelBWinRate, tieRate, modelAWinRateCiLow,
                modelAWinRateCiHigh, positionConsistency, humanAlignment, null, null, null, null,
                SignTest.NONE, JudgeBias.NONE);
    }

    public Optional<HumanAlignment> human() {
        return Optional.ofNullable(humanAlignment);
    }

    /**
     * The metrics JSON object: contract names (see {@link MetricNames}) in a stable order, nulls kept.
     * The figures of the first release come first, in their order; those added later follow.
     */
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
        map.put(MODEL_B_WIN_RATE_CI_LOW, modelBWinRateCiLow);
        map.put(MODEL_B_WIN_RATE_CI_HIGH, modelBWinRateCiHigh);
        map.put(TIE_RATE_CI_LOW, tieRateCiLow);
        map.put(TIE_RATE_CI_HIGH, tieRateCiHigh);
        signTest.putInto(map);
        judgeBias.putInto(map);
        if (humanAlignment != null) {
            humanAlignment.putIntervalsInto(map);
        }
        return Collections.unmodifiableMap(map);
    }
}
