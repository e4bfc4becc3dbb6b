package dev.evalunit.experiment;

import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.experiment.spec.ExperimentModel;
import dev.evalunit.experiment.spec.InProcessMethod;
import dev.evalunit.experiment.spec.ModelConfiguration;
import dev.evalunit.experiment.spec.PreGeneratedOutputs;
import dev.evalunit.model.DeclaredModels;
import dev.evalunit.model.ModelClients;
import dev.evalunit.model.ModelSettings;
import dev.evalunit.model.ModelSettingsResolver;
import dev.evalunit.model.SamplingParams;
import dev.evalunit.pairwise.MethodBinder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the {@code model} and {@code judge_model} of an experiment's configuration to clients: a
 * {@link ModelConfiguration} without {@code base_url} refines the declared model of that name; one
 * with it is a model of its own. An {@link InProcessMethod} is bound to a method of the test class, its
 * signature checked, before any call. Pre-generated outputs must hold one answer per dataset row.
 */
final class ExperimentModels {

    private final EvalConfig config;
    private final ModelSettingsResolver resolver;
    private final ModelClients clients;
    private final SecretReference secrets;
    private final MethodBinder methods;

    ExperimentModels(EvalConfig config, ModelClients clients, SecretReference secrets, MethodBinder methods) {
        this.config = config;
        this.resolver = new ModelSettingsResolver(config);
        this.clients = clients;
        this.secrets = secrets;
        this.methods = methods;
    }

    Answers answers(ExperimentModel model, Dataset dataset, String experiment) {
        if (model instanceof PreGeneratedOutputs outputs) {
            if (outputs.outputs().size() != dataset.size()) {
                throw new ConfigurationException("pre-generated model [" + outputs.aliasedName() + "] of experiment ["
                        + experiment + "] has " + outputs.outputs().size() + " outputs, but dataset [" + dataset.source()
                        + "] has " + dataset.size() + " rows. Give exactly one output per row, in dataset order.");
            }
            return new Answers.PreGenerated(outputs);
        }
        if (model instanceof InProcessMethod inProcess) {
            String method = inProcess.method();
            return new Answers.Generated(method, new MethodModelClient(method,
                    methods.bind(method, "[model] of experiment [" + experiment + "]")), inProcess.preludePrompt());
        }
        ModelConfiguration configuration = (ModelConfiguration) model;
        ModelSettings settings = settings(configuration, experiment, "model");
        return new Answers.Generated(settings.name(), clients.create(settings, secrets), configuration.preludePrompt());
    }

    ModelClient judge(ModelConfiguration judgeModel, String experiment) {
        return clients.create(settings(judgeModel, experiment, "judge_model"), secrets);
    }

    private ModelSettings settings(ModelConfiguration model, String experiment, String field) {
        ModelSettings declared = model.baseUrl() == null
                ? declared(model.name(), experiment, field)
                : ModelSettings.atBaseUrl(model.name(), model.baseUrl(), config);
        if (!model.samplingParams().isEmpty()) {
            SamplingParams.check(declared, model.samplingParams(), field + ".sampling_params", "experiment [" + experiment + "]");
        }
        return new ModelSettings(declared.name(), declared.provider(), declared.model(), declared.baseUrl(),
                model.apiKey() != null ? model.apiKey() : declared.apiKeyReference(),
                model.systemPrompt() != null ? model.systemPrompt() : declared.systemPrompt(),
                merged(declared.samplingParams(), model.samplingParams()),
                merged(declared.extraParams(), model.extraParams()),
                declared.timeout(), declared.maxRetries(), declared.rateLimits(), declared.providerParams());
    }

    // The resolver's own message suggests @Model, which experiment sets do not read.
    private ModelSettings declared(String name, String experiment, String field) {
        String baseUrl = ConfigKeys.modelKey(name, ConfigKeys.ModelKeys.BASE_URL);
        if (!DeclaredModels.isDeclared(config, name)) {
            throw new ConfigurationException("[" + field + "] of experiment [" + experiment + "] names model [" + name
                    + "], which is not declared. " + DeclaredModels.hint(name, DeclaredModels.names(config, List.of()))
                    + "Set " + baseUrl + " in junit-platform.properties, or give the model a"
                    + " [base_url] in the set.");
        }
        return resolver.resolve(name, Optional.empty());
    }

    private static Map<String, Object> merged(Map<String, Object> declared, Map<String, Object> given) {
        if (given.isEmpty()) {
            return declared;
        }
        Map<String, Object> merged = new LinkedHashMap<>(declared);
        merged.putAll(given);
        return merged;
    }
}
