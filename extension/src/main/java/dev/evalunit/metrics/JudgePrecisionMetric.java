package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** {@code judge_precision}: the judge's 1 if the answer contains the expected answer, else 0. Registered in the engine's services file. */
@API(status = INTERNAL, since = "0.1")
public final class JudgePrecisionMetric extends JudgeMetric {

    public JudgePrecisionMetric() {
        super(JudgePrompts.precision());
    }
}
