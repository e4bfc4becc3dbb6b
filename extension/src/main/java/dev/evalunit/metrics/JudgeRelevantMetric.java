package dev.evalunit.metrics;

/** {@code judge_relevant}: the judge's how relevant the answer is to the question, from 1 to 10. Registered in the engine's services file. */
public final class JudgeRelevantMetric extends JudgeMetric {

    public JudgeRelevantMetric() {
        super(JudgePrompts.relevant());
    }
}
