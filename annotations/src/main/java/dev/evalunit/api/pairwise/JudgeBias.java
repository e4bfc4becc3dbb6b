package dev.evalunit.api.pairwise;

import static dev.evalunit.api.pairwise.MetricNames.LENGTH_ADJUSTED_MODEL_A_WIN_RATE;
import static dev.evalunit.api.pairwise.MetricNames.LENGTH_BIAS_EXAMPLE_COUNT;
import static dev.evalunit.api.pairwise.MetricNames.LENGTH_BIAS_LONGER_WIN_RATE;
import static dev.evalunit.api.pairwise.MetricNames.LENGTH_BIAS_P_VALUE;
import static dev.evalunit.api.pairwise.MetricNames.POSITION_BIAS_FIRST_POSITION_WIN_RATE;
import static dev.evalunit.api.pairwise.MetricNames.POSITION_BIAS_P_VALUE;
import static dev.evalunit.api.pairwise.MetricNames.POSITION_BIAS_SAMPLE_COUNT;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * How much the autorater's verdicts follow the order and the length of the answers rather than
 * their content. A fair judge gives about half of its decisive verdicts to the first answer shown
 * and about half to the longer answer; each share comes with the two-sided exact binomial test
 * against 1/2. Lengths are counted in Unicode code points.
 *
 * @param positionSampleCount the decisive samples (a vote for A or B) of every judgment
 * @param firstPositionWinRate of those, the share that chose the answer shown first (A in an
 *     {@code AB} sample, B in a {@code BA} sample); {@code null} without decisive samples
 * @param positionPValue the exact test of that share against 1/2; {@code null} without decisive samples
 * @param lengthExampleCount the examples judged Model A or Model B whose two responses differ in length
 * @param longerWinRate of those, the share judged for the longer response; {@code null} without any
 * @param lengthPValue the exact test of that share against 1/2; {@code null} without any
 * @param lengthAdjustedModelAWinRate the mean of A's share of those verdicts where A's response is
 *     the longer and A's share where it is the shorter: A's decisive win rate as if A had been the
 *     longer answer half of the time; {@code null} when either group is empty
 */
@API(status = STABLE, since = "0.1")
public record JudgeBias(int positionSampleCount, Double firstPositionWinRate, Double positionPValue,
                        int lengthExampleCount, Double longerWinRate, Double lengthPValue,
                        Double lengthAdjustedModelAWinRate) {

    /** The diagnostics of a result without judgments, or whose figures were not computed. */
    public static final JudgeBias NONE = new JudgeBias(0, null, null, 0, null, null, null);

    void putInto(Map<String, Object> map) {
        map.put(POSITION_BIAS_SAMPLE_COUNT, positionSampleCount);
        map.put(POSITION_BIAS_FIRST_POSITION_WIN_RATE, firstPositionWinRate);
        map.put(POSITION_BIAS_P_VALUE, positionPValue);
        map.put(LENGTH_BIAS_EXAMPLE_COUNT, lengthExampleCount);
        map.put(LENGTH_BIAS_LONGER_WIN_RATE, longerWinRate);
        map.put(LENGTH_BIAS_P_VALUE, lengthPValue);
        map.put(LENGTH_ADJUSTED_MODEL_A_WIN_RATE, lengthAdjustedModelAWinRate);
    }
}
