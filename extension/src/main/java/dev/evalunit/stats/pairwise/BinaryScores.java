package dev.evalunit.stats.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The confusion counts of a two-class comparison with "Model A" as the positive class (as Vertex AI
 * AutoSxS defines it), and the figures drawn from them; a figure with an empty denominator is
 * {@code null}.
 *
 * @param truePositives autorater A, human A
 * @param falsePositives autorater A, human B
 * @param trueNegatives autorater B, human B
 * @param falseNegatives autorater B, human A
 */
@API(status = INTERNAL, since = "0.1")
public record BinaryScores(int truePositives, int falsePositives, int trueNegatives, int falseNegatives) {

    public int count() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    /** (TP + TN) / all. */
    public Double accuracy() {
        return Ratio.of(truePositives + trueNegatives, count());
    }

    /** TP / (TP + FP): of the examples the autorater gave to A, the share the human gave to A. */
    public Double precision() {
        return Ratio.of(truePositives, truePositives + falsePositives);
    }

    /** TP / (TP + FN): of the examples the human gave to A, the share the autorater gave to A. */
    public Double recall() {
        return Ratio.of(truePositives, truePositives + falseNegatives);
    }

    /**
     * 2TP / (2TP + FP + FN): the harmonic mean of precision and recall where both exist, 0 when no
     * A verdict matched although some were given, {@code null} when neither side ever chose A.
     */
    public Double f1() {
        return Ratio.of(2L * truePositives, 2L * truePositives + falsePositives + falseNegatives);
    }
}
