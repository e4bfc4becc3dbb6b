package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** {@code judge_completude}: the judge's share of the expected answer's content that the answer covers, from 0 to 100. Registered in the engine's services file. */
@API(status = INTERNAL, since = "0.1")
public final class JudgeCompletudeMetric extends JudgeMetric {

    public JudgeCompletudeMetric() {
        super(JudgePrompts.completude());
    }
}
