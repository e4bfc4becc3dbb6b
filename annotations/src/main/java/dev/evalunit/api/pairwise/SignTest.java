package dev.evalunit.api.pairwise;

import static dev.evalunit.api.pairwise.MetricNames.DECISIVE_COUNT;
import static dev.evalunit.api.pairwise.MetricNames.DECISIVE_MODEL_A_WIN_COUNT;
import static dev.evalunit.api.pairwise.MetricNames.MINIMUM_DETECTABLE_DIFFERENCE;
import static dev.evalunit.api.pairwise.MetricNames.SIGN_TEST_P_VALUE;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * The exact test of model A against model B on the decisive examples: those whose judgment is
 * Model A or Model B (ties and errors left out). Under "neither model is better" each decisive
 * example goes to A with probability 1/2, so the A wins follow Binomial(decisive, 1/2): the sign test.
 *
 * @param decisiveCount the examples judged Model A or Model B
 * @param modelAWinCount of those, the examples judged Model A
 * @param pValue the two-sided exact binomial p-value of {@code modelAWinCount} out of
 *     {@code decisiveCount} against 1/2; {@code null} without decisive examples
 * @param minimumDetectableDifference the smallest {@code (A wins - B wins) / decisiveCount} that
 *     would reach p &lt; 0.05 with this many decisive examples; {@code null} when none would (5
 *     decisive examples or fewer)
 */
@API(status = STABLE, since = "0.1")
public record SignTest(int decisiveCount, int modelAWinCount, Double pValue, Double minimumDetectableDifference) {

    /** The test of a result without decisive examples, or whose figures were not computed. */
    public static final SignTest NONE = new SignTest(0, 0, null, null);

    public SignTest {
        if (modelAWinCount < 0 || modelAWinCount > decisiveCount) {
            throw new IllegalArgumentException(
                    "A wins must be in [0, " + decisiveCount + "], got " + modelAWinCount);
        }
    }

    /** The decisive examples judged Model B. */
    public int modelBWinCount() {
        return decisiveCount - modelAWinCount;
    }

    void putInto(Map<String, Object> map) {
        map.put(DECISIVE_COUNT, decisiveCount);
        map.put(DECISIVE_MODEL_A_WIN_COUNT, modelAWinCount);
        map.put(SIGN_TEST_P_VALUE, pValue);
        map.put(MINIMUM_DETECTABLE_DIFFERENCE, minimumDetectableDifference);
    }
}
