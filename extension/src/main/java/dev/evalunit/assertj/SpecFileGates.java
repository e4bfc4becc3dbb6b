package dev.evalunit.assertj;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.specfiles.Gate;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Checks a spec file's gates with the assertions a test would write ({@code isGreaterThanOrEqualTo}
 * and the others), so that a failing gate fails with the same message.
 */
@API(status = INTERNAL, since = "0.1")
public final class SpecFileGates {

    private SpecFileGates() {
    }

    /** @throws AssertionError at the first gate that does not hold */
    public static void check(PairwiseResult result, List<Gate> gates) {
        for (Gate gate : gates) {
            StatisticAssert figure = new PairwiseResultAssert(result).figure(gate.metric());
            switch (gate.comparison()) {
                case ">=" -> figure.isGreaterThanOrEqualTo(gate.threshold());
                case ">" -> figure.isGreaterThan(gate.threshold());
                case "<=" -> figure.isLessThanOrEqualTo(gate.threshold());
                case "<" -> figure.isLessThan(gate.threshold());
                default -> throw new IllegalStateException("unknown comparison " + gate.comparison());
            }
        }
    }
}
