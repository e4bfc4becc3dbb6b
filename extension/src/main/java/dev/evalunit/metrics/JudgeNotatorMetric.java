package dev.evalunit.metrics;

/** {@code judge_notator}: the judge's similarity in meaning of the answer to the reference answer, from 1 to 10. Registered in the engine's services file. */
public final class JudgeNotatorMetric extends JudgeMetric {

    public JudgeNotatorMetric() {
        super(JudgePrompts.notator());
    }
}
