package dev.evalunit.metrics;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.prompt.PromptTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The metrics an experiment set can name. {@link #names()} lists them in a fixed order: the
 * operational metrics ({@code output_length}, {@code generation_time}, {@code nb_tokens_prompt},
 * {@code nb_tokens_completion}), then the LLM-judge metrics ({@code judge_precision},
 * {@code judge_exactness}, {@code judge_notator}, {@code judge_completude}, {@code judge_relevant},
 * {@code judge_rambling}, {@code judge_adhoc}), then the RAG metrics ({@code answer_relevancy},
 * {@code faithfulness}, {@code contextual_relevancy}).
 *
 * <p>Parameters: only {@code judge_adhoc} takes one, {@code prompt}, given either flat
 * ({@code {"name": "judge_adhoc", "prompt": "..."}}) or as EvalAP nests it
 * ({@code {"name": "judge_adhoc", "aliased_name": "...", "params": {"prompt": "..."}}}). The keys
 * {@code name} and {@code aliased_name} are allowed for every metric and ignored here.
 */
public final class MetricRegistry {

    private static final String ADHOC = "judge_adhoc";
    private static final String PROMPT = "prompt";
    private static final String NESTED = "params";
    private static final Set<String> IGNORED = Set.of("name", "aliased_name");

    private static final List<Metric> FIXED = List.of(
            new OutputLengthMetric(),
            new GenerationTimeMetric(),
            TokenCountMetric.PROMPT,
            TokenCountMetric.COMPLETION,
            new JudgeMetric(JudgePrompts.precision()),
            new JudgeMetric(JudgePrompts.exactness()),
            new JudgeMetric(JudgePrompts.notator()),
            new JudgeMetric(JudgePrompts.completude()),
            new JudgeMetric(JudgePrompts.relevant()),
            new JudgeMetric(JudgePrompts.rambling()),
            new JudgeMetric(JudgePrompts.answerRelevancy()),
            new JudgeMetric(JudgePrompts.faithfulness()),
            new JudgeMetric(JudgePrompts.contextualRelevancy()));

    private static final List<String> NAMES = List.of(
            "output_length", "generation_time", "nb_tokens_prompt", "nb_tokens_completion",
            "judge_precision", "judge_exactness", "judge_notator", "judge_completude", "judge_relevant",
            "judge_rambling", ADHOC, "answer_relevancy", "faithfulness", "contextual_relevancy");

    /** Every metric name, in the order the class comment gives. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * A metric, ready to observe rows.
     *
     * @param params the metric's entry in the spec (its {@code name} and options), or an empty map
     * @throws ConfigurationException for an unknown name, an unknown parameter, or a {@code judge_adhoc}
     *     without a usable prompt
     */
    public static Metric create(String name, Map<String, Object> params) {
        Objects.requireNonNull(name, "name");
        Map<String, Object> options = options(name, params == null ? Map.of() : params);
        if (name.equals(ADHOC)) {
            return new JudgeMetric(JudgePrompts.adhoc(adhocPrompt(options.get(PROMPT))));
        }
        return fixed(name);
    }

    /** A metric's descriptor; {@code judge_adhoc}'s lists no columns, since only its prompt names them. */
    public static MetricDescriptor descriptor(String name) {
        Objects.requireNonNull(name, "name");
        return name.equals(ADHOC) ? JudgePrompts.ADHOC : fixed(name).descriptor();
    }

    private static Metric fixed(String name) {
        return FIXED.stream().filter(metric -> metric.descriptor().name().equals(name)).findFirst()
                .orElseThrow(() -> unknown(name));
    }

    /** The options in {@code params}, EvalAP's nested {@code params} merged in, each checked against the metric. */
    private static Map<String, Object> options(String name, Map<String, Object> params) {
        if (!NAMES.contains(name)) {
            throw unknown(name);
        }
        Map<String, Object> options = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (key.equals(NESTED) && value instanceof Map<?, ?> nested) {
                nested.forEach((k, v) -> options.put(String.valueOf(k), v));
            } else if (!IGNORED.contains(key)) {
                options.put(key, value);
            }
        });
        Set<String> accepted = name.equals(ADHOC) ? Set.of(PROMPT) : Set.of();
        for (String key : options.keySet()) {
            if (!accepted.contains(key)) {
                throw new ConfigurationException("metric [" + name + "] has an unknown parameter [" + key + "]. "
                        + (accepted.isEmpty() ? "Remove it: this metric takes none."
                        : "Remove it: this metric takes " + String.join(", ", accepted) + "."));
            }
        }
        return options;
    }

    private static PromptTemplate adhocPrompt(Object prompt) {
        if (!(prompt instanceof String text) || text.isBlank()) {
            throw new ConfigurationException("metric [" + ADHOC + "] needs a [prompt] with {{ column }} placeholders, "
                    + "e.g. {\"name\": \"judge_adhoc\", \"prompt\": \"Is {{ output }} polite?\"}.");
        }
        PromptTemplate template;
        try {
            template = PromptTemplate.parse(text);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("metric [" + ADHOC + "] has a malformed prompt: "
                    + e.getMessage().substring(ConfigurationException.PREFIX.length()), e);
        }
        if (!template.placeholders().contains(JudgeMetric.OUTPUT)) {
            throw new ConfigurationException("metric [" + ADHOC + "] has a prompt without {{ output }}, so the judge "
                    + "would not see the answer. Put {{ output }} where the answer goes.");
        }
        return template;
    }

    private static ConfigurationException unknown(String name) {
        return new ConfigurationException("metric [" + name + "] is unknown. Known metrics: "
                + String.join(", ", NAMES) + ".");
    }

    private MetricRegistry() {
    }
}
