package dev.evalunit.stats.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.JudgeBias;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.Vote;
import org.apiguardian.api.API;

/**
 * The autorater's position and length bias, from the judgments alone (definitions in
 * {@link JudgeBias} and docs/pairwise.md, "Judge bias").
 */
@API(status = INTERNAL, since = "0.1")
public final class JudgeBiasDiagnostics {

    private int decisiveSamples;
    private int firstPositionWins;
    private int aLonger;
    private int aLongerWins;
    private int aShorter;
    private int aShorterWins;

    /** Figures over no judgment yet: {@link #add} each, then {@link #result}. */
    public JudgeBiasDiagnostics() {
    }

    /**
     * Position bias: over every sample of every judgment that voted A or B, the share that chose
     * the answer shown first. Length bias: over the judgments that chose Model A or Model B and
     * whose two responses exist and differ in length (code points), the share won by the longer
     * response, and the mean of A's share where A is longer and where A is shorter.
     */
    public static JudgeBias of(Iterable<Judgment> judgments) {
        JudgeBiasDiagnostics diagnostics = new JudgeBiasDiagnostics();
        judgments.forEach(diagnostics::add);
        return diagnostics.result();
    }

    /** Counts {@code judgment}. */
    public void add(Judgment judgment) {
        for (AutoraterSample sample : judgment.samples()) {
            if (sample.choice() == Vote.A || sample.choice() == Vote.B) {
                decisiveSamples++;
                firstPositionWins += sample.choice() == firstShown(sample.position()) ? 1 : 0;
            }
        }
        int lengthDifference = lengthDifference(judgment);
        boolean aWon = judgment.choice() == Choice.MODEL_A;
        if (lengthDifference == 0 || !(aWon || judgment.choice() == Choice.MODEL_B)) {
            return;
        }
        if (lengthDifference > 0) {
            aLonger++;
            aLongerWins += aWon ? 1 : 0;
        } else {
            aShorter++;
            aShorterWins += aWon ? 1 : 0;
        }
    }

    /** The figures of the judgments added so far (see {@link #of}). */
    public JudgeBias result() {
        int lengthExamples = aLonger + aShorter;
        int longerWins = aLongerWins + (aShorter - aShorterWins);
        Double adjusted = aLonger == 0 || aShorter == 0 ? null
                : ((double) aLongerWins / aLonger + (double) aShorterWins / aShorter) / 2;
        return new JudgeBias(decisiveSamples, Ratio.of(firstPositionWins, decisiveSamples),
                ExactBinomialTest.twoSidedPValue(firstPositionWins, decisiveSamples),
                lengthExamples, Ratio.of(longerWins, lengthExamples),
                ExactBinomialTest.twoSidedPValue(longerWins, lengthExamples), adjusted);
    }

    private static Vote firstShown(Position position) {
        return position == Position.AB ? Vote.A : Vote.B;
    }

    /** A's length minus B's in code points; 0 when either response is missing. */
    private static int lengthDifference(Judgment judgment) {
        String a = judgment.responseA();
        String b = judgment.responseB();
        if (a == null || b == null) {
            return 0;
        }
        return a.codePointCount(0, a.length()) - b.codePointCount(0, b.length());
    }
}
