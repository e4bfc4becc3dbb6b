package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.MetricInput;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.prompt.PromptTemplate;

import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * {@code judge_adhoc}: the judge's score from 0 to 1 for a prompt of the user's own, given as the
 * parameter {@code prompt} with {@code {{ column }}} placeholders and {@code {{ output }}} for the answer.
 * Registered in the engine's services file; {@link #withParameters} turns it into the {@link JudgeMetric}
 * of that prompt, whose descriptor lists the prompt's columns.
 */
@API(status = INTERNAL, since = "0.1")
public final class JudgeAdhocMetric implements Metric {

    /** The parameter that holds the user's prompt. */
    static final String PROMPT = "prompt";

    private static final String NAME = JudgePrompts.ADHOC.name();

    @Override
    public MetricDescriptor descriptor() {
        return JudgePrompts.ADHOC;
    }

    @Override
    public Set<String> parameters() {
        return Set.of(PROMPT);
    }

    @Override
    public Metric withParameters(Map<String, Object> parameters) {
        return new JudgeMetric(JudgePrompts.adhoc(template(parameters.get(PROMPT))));
    }

    // Never reached through an experiment set, which always calls withParameters.
    @Override
    public MetricObservation observe(MetricInput input) {
        return MetricObservation.failed("metric [" + NAME + "] has no prompt", null);
    }

    private static PromptTemplate template(Object prompt) {
        if (!(prompt instanceof String text) || text.isBlank()) {
            throw new ConfigurationException("metric [" + NAME + "] needs a [prompt] with {{ column }} placeholders, "
                    + "e.g. {\"name\": \"judge_adhoc\", \"prompt\": \"Is {{ output }} polite?\"}.");
        }
        PromptTemplate template;
        try {
            template = PromptTemplate.parse(text);
        } catch (ConfigurationException e) {
            throw new ConfigurationException("metric [" + NAME + "] has a malformed prompt: "
                    + e.getMessage().substring(ConfigurationException.PREFIX.length()), e);
        }
        if (!template.placeholders().contains(JudgeMetric.OUTPUT)) {
            throw new ConfigurationException("metric [" + NAME + "] has a prompt without {{ output }}, so the judge "
                    + "would not see the answer. Put {{ output }} where the answer goes.");
        }
        return template;
    }
}
