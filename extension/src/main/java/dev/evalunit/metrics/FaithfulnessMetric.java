package dev.evalunit.metrics;

/** {@code faithfulness}: the judge's share of the answer's claims supported by the retrieved context, from 0 to 1. Registered in the engine's services file. */
public final class FaithfulnessMetric extends JudgeMetric {

    public FaithfulnessMetric() {
        super(JudgePrompts.faithfulness());
    }
}
