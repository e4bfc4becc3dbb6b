package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** {@code judge_rambling}: the judge's how much the answer rambles, from 1 to 10 (lower is better). Registered in the engine's services file. */
@API(status = INTERNAL, since = "0.1")
public final class JudgeRamblingMetric extends JudgeMetric {

    public JudgeRamblingMetric() {
        super(JudgePrompts.rambling());
    }
}
