package dev.evalunit.metrics;

/** {@code judge_precision}: the judge's 1 if the answer contains the expected answer, else 0. Registered in the engine's services file. */
public final class JudgePrecisionMetric extends JudgeMetric {

    public JudgePrecisionMetric() {
        super(JudgePrompts.precision());
    }
}
