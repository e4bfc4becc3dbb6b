package dev.evalunit.metrics;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.prompt.PromptTemplate;

import java.util.Map;

/**
 * Everything that sets one judge metric apart from another; {@link JudgeMetric} runs it.
 *
 * @param descriptor the metric's descriptor
 * @param scale the scores the judge may give
 * @param template the user prompt, with placeholders for canonical columns and {@code output} (the answer)
 * @param replyFormat the closing paragraph that asks for the JSON reply
 * @param fallbacks required column to the column read in its place when it is absent or empty
 * @param userWritten whether the template is the user's own ({@code judge_adhoc}): then its cells may be
 *     empty, and its missing columns are reported as placeholders
 */
record JudgeSpec(MetricDescriptor descriptor, ScoreScale scale, PromptTemplate template, String replyFormat,
                 Map<String, String> fallbacks, boolean userWritten) {
    JudgeSpec {
        fallbacks = Map.copyOf(fallbacks);
    }

    String name() {
        return descriptor.name();
    }
}
