package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** {@code contextual_relevancy}: the judge's share of the retrieved context relevant to the question, from 0 to 1. Registered in the engine's services file. */
@API(status = INTERNAL, since = "0.1")
public final class ContextualRelevancyMetric extends JudgeMetric {

    public ContextualRelevancyMetric() {
        super(JudgePrompts.contextualRelevancy());
    }
}
