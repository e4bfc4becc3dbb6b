package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** {@code judge_notator}: the judge's similarity in meaning of the answer to the reference answer, from 1 to 10. Registered in the engine's services file. */
@API(status = INTERNAL, since = "0.1")
public final class JudgeNotatorMetric extends JudgeMetric {

    public JudgeNotatorMetric() {
        super(JudgePrompts.notator());
    }
}
