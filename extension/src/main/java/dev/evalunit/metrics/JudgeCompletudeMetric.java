package dev.evalunit.metrics;

/** {@code judge_completude}: the judge's share of the expected answer's content that the answer covers, from 0 to 100. Registered in the engine's services file. */
public final class JudgeCompletudeMetric extends JudgeMetric {

    public JudgeCompletudeMetric() {
        super(JudgePrompts.completude());
    }
}
