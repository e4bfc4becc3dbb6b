package dev.evalunit.experiment;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.model.DeclaredModels;
import dev.evalunit.model.ModelClients;
import dev.evalunit.model.ModelSettings;
import dev.evalunit.model.ModelSettingsResolver;
import dev.evalunit.model.SamplingParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the {@code model} and {@code judge_model} of an experiment's configuration: a declared
 * model's name, a model object ({@code name, base_url, api_key, system_prompt, prelude_prompt,
 * sampling_params, extra_params}), or pre-generated outputs ({@code aliased_name, output}).
 * A model object without {@code base_url} refines the declared model of that name.
 */
final class ExperimentModels {

    private final EvalConfig config;
    private final ModelSettingsResolver resolver;
    private final ModelClients clients;
    private final SecretReference secrets;

    ExperimentModels(EvalConfig config, ModelClients clients, SecretReference secrets) {
        this.config = config;
        this.resolver = new ModelSettingsResolver(config);
        this.clients = clients;
        this.secrets = secrets;
    }

    Answers answers(Object model, Dataset dataset, String experiment) {
        if (model instanceof Map<?, ?> object && object.containsKey("output")) {
            return preGenerated(object, dataset, experiment);
        }
        ModelSettings settings = settings(model, experiment, "model");
        String prelude = model instanceof Map<?, ?> object ? text(object.get("prelude_prompt")) : null;
        return new Answers.Generated(settings.name(), clients.create(settings, secrets), prelude);
    }

    ModelClient judge(Object judgeModel, String experiment) {
        return clients.create(settings(judgeModel, experiment, "judge_model"), secrets);
    }

    private static Answers.PreGenerated preGenerated(Map<?, ?> object, Dataset dataset, String experiment) {
        String alias = text(object.get("aliased_name"));
        if (alias == null) {
            throw new ConfigurationException("the pre-generated output of experiment [" + experiment
                    + "] has no [aliased_name]. Name it, e.g. {\"aliased_name\": \"baseline\", \"output\": [...]}.");
        }
        if (!(object.get("output") instanceof List<?> output)) {
            throw new ConfigurationException("[output] of pre-generated model [" + alias + "] of experiment ["
                    + experiment + "] must be a list of answers. Give exactly one output per row, in dataset order.");
        }
        if (output.size() != dataset.size()) {
            throw new ConfigurationException("pre-generated model [" + alias + "] of experiment [" + experiment + "] has "
                    + output.size() + " outputs, but dataset [" + dataset.source() + "] has " + dataset.size()
                    + " rows. Give exactly one output per row, in dataset order.");
        }
        List<String> outputs = new ArrayList<>(output.size());
        for (Object answer : output) {
            outputs.add(answer == null ? null : answer.toString());
        }
        return new Answers.PreGenerated(alias, outputs);
    }

    private ModelSettings settings(Object model, String experiment, String field) {
        if (model instanceof String name) {
            return declared(name, experiment, field);
        }
        if (!(model instanceof Map<?, ?> object) || text(object.get("name")) == null) {
            if (model instanceof Map<?, ?> object && text(object.get("aliased_name")) != null) {
                throw new ConfigurationException("[" + field + "] of experiment [" + experiment + "] has an [aliased_name]"
                        + " but no [output]. Give the pre-generated answers as \"output\": [...], one per dataset row,"
                        + " or name a model with [name].");
            }
            throw new ConfigurationException("[" + field + "] of experiment [" + experiment
                    + "] is neither a model name nor an object with a [name]. Name the model, e.g. {\"name\": \"m1\"}.");
        }
        String name = text(object.get("name"));
        String baseUrl = text(object.get("base_url"));
        ModelSettings declared = baseUrl == null
                ? declared(name, experiment, field)
                : new ModelSettings(name, ModelSettings.OPENAI, name, baseUrl, null, null, Map.of(), Map.of(),
                        Duration.ofSeconds(ConfigKeys.DEFAULT_TIMEOUT_SECONDS), ConfigKeys.DEFAULT_MAX_RETRIES);
        if (object.get("sampling_params") instanceof Map<?, ?> sampling) {
            SamplingParams.check(declared, sampling, field + ".sampling_params", "experiment [" + experiment + "]");
        }
        String apiKey = text(object.get("api_key"));
        String systemPrompt = text(object.get("system_prompt"));
        return new ModelSettings(declared.name(), declared.provider(), declared.model(), declared.baseUrl(),
                apiKey != null ? apiKey : declared.apiKeyReference(),
                systemPrompt != null ? systemPrompt : declared.systemPrompt(),
                merged(declared.samplingParams(), object.get("sampling_params"), field + ".sampling_params", experiment),
                merged(declared.extraParams(), object.get("extra_params"), field + ".extra_params", experiment),
                declared.timeout(), declared.maxRetries(), declared.rateLimits(), declared.providerParams());
    }

    // The resolver's own message suggests @Model, which experiment sets do not read.
    private ModelSettings declared(String name, String experiment, String field) {
        String baseUrl = ConfigKeys.modelKey(name, ConfigKeys.ModelKeys.BASE_URL);
        if (config.get(baseUrl).isEmpty()) {
            throw new ConfigurationException("[" + field + "] of experiment [" + experiment + "] names model [" + name
                    + "], which is not declared. " + DeclaredModels.hint(name, DeclaredModels.names(config, List.of()))
                    + "Set " + baseUrl + " in junit-platform.properties, or give the model a"
                    + " [base_url] in the set.");
        }
        return resolver.resolve(name, Optional.empty());
    }

    private static Map<String, Object> merged(Map<String, Object> declared, Object given, String field, String experiment) {
        if (given == null) {
            return declared;
        }
        if (!(given instanceof Map<?, ?> overlay)) {
            throw new ConfigurationException("[" + field + "] of experiment [" + experiment
                    + "] must be an object of request parameters, e.g. {\"temperature\": 0.2}.");
        }
        Map<String, Object> merged = new LinkedHashMap<>(declared);
        overlay.forEach((k, v) -> merged.put(k.toString(), v));
        return merged;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
