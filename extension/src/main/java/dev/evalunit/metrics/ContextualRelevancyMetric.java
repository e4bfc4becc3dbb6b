package dev.evalunit.metrics;

/** {@code contextual_relevancy}: the judge's share of the retrieved context relevant to the question, from 0 to 1. Registered in the engine's services file. */
public final class ContextualRelevancyMetric extends JudgeMetric {

    public ContextualRelevancyMetric() {
        super(JudgePrompts.contextualRelevancy());
    }
}
