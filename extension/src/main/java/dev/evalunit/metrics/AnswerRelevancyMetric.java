package dev.evalunit.metrics;

/** {@code answer_relevancy}: the judge's share of the answer's statements relevant to the question, from 0 to 1. Registered in the engine's services file. */
public final class AnswerRelevancyMetric extends JudgeMetric {

    public AnswerRelevancyMetric() {
        super(JudgePrompts.answerRelevancy());
    }
}
