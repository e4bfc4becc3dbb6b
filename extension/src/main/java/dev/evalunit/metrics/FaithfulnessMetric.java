package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** {@code faithfulness}: the judge's share of the answer's claims supported by the retrieved context, from 0 to 1. Registered in the engine's services file. */
@API(status = INTERNAL, since = "0.1")
public final class FaithfulnessMetric extends JudgeMetric {

    public FaithfulnessMetric() {
        super(JudgePrompts.faithfulness());
    }
}
