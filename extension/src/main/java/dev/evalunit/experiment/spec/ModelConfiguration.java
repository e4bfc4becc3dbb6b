package dev.evalunit.experiment.spec;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.json.JsonValues;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A model as an experiment declares it ({@code model} or {@code judge_model}): a declared model's name, refined
 * or not, or a model of its own with a {@code base_url}. Text fields are {@code null} when not given.
 *
 * @param name the declared model's name, or the model name sent to {@code baseUrl}
 * @param baseUrl an OpenAI-compatible endpoint; {@code null} refines the declared model {@code name}
 * @param apiKey a reference ({@code ${env:NAME}}), never the key itself
 * @param preludePrompt text put before the query in the user message (never set on a judge)
 * @param samplingParams merged over the declared model's; empty when not given
 * @param extraParams merged over the declared model's; empty when not given
 */
@API(status = INTERNAL, since = "0.1")
public record ModelConfiguration(String name, String baseUrl, String apiKey, String systemPrompt, String preludePrompt,
                                 Map<String, Object> samplingParams, Map<String, Object> extraParams)
        implements ExperimentModel {

    public ModelConfiguration {
        Objects.requireNonNull(name, "name");
        // Request parameters are JSON values: nested objects, and null, are allowed.
        samplingParams = JsonValues.freeze(samplingParams);
        extraParams = JsonValues.freeze(extraParams);
    }

    /** A declared model, by its name alone. */
    public static ModelConfiguration named(String name) {
        return new ModelConfiguration(name, null, null, null, null, Map.of(), Map.of());
    }
}
