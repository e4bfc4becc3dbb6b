package dev.evalunit.metrics;

/** {@code judge_exactness}: the judge's 1 if the answer means the same as the expected answer, else 0. Registered in the engine's services file. */
public final class JudgeExactnessMetric extends JudgeMetric {

    public JudgeExactnessMetric() {
        super(JudgePrompts.exactness());
    }
}
