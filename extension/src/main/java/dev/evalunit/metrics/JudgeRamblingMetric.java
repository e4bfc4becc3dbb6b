package dev.evalunit.metrics;

/** {@code judge_rambling}: the judge's how much the answer rambles, from 1 to 10 (lower is better). Registered in the engine's services file. */
public final class JudgeRamblingMetric extends JudgeMetric {

    public JudgeRamblingMetric() {
        super(JudgePrompts.rambling());
    }
}
