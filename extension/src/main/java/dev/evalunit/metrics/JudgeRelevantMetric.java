package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** {@code judge_relevant}: the judge's how relevant the answer is to the question, from 1 to 10. Registered in the engine's services file. */
@API(status = INTERNAL, since = "0.1")
public final class JudgeRelevantMetric extends JudgeMetric {

    public JudgeRelevantMetric() {
        super(JudgePrompts.relevant());
    }
}
