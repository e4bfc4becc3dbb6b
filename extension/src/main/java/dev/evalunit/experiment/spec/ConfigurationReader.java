package dev.evalunit.experiment.spec;

import dev.evalunit.config.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an experiment's merged configuration (the end of expansion, still JSON maps), once {@link RequiredParams}
 * has checked it, into its typed parts, refusing what the engine cannot read: unknown keys, a {@code columns_map},
 * model or judge of the wrong shape. What needs the environment (datasets, declared models, metrics on the class path) is the
 * planner's to check.
 */
final class ConfigurationReader {

    // What the engine reads: anything else is a misspelling that must not be ignored without a word.
    static final List<String> EXPERIMENT_KEYS =
            List.of("name", "readme", "dataset", "model", "metrics", "judge_model", "columns_map");
    static final List<String> MODEL_KEYS = List.of("name", "base_url", "api_key", "system_prompt", "prelude_prompt",
            "sampling_params", "extra_params", "aliased_name", "output", InProcessMethod.METHOD);
    /** What a method of the test class may set besides its name: the rest configures a model it does not call. */
    static final List<String> METHOD_KEYS = List.of(InProcessMethod.METHOD, "prelude_prompt");
    static final List<String> JUDGE_KEYS =
            List.of("name", "base_url", "api_key", "system_prompt", "sampling_params", "extra_params");

    /** The typed parts of one configuration; identity, repeats and label are the parser's. */
    record Parts(String dataset, ExperimentModel model, List<MetricConfiguration> metrics, ModelConfiguration judgeModel,
                 Map<String, String> columnsMap) {
    }

    private ConfigurationReader() {
    }

    /** @param experiment the experiment's name, for messages */
    static Parts read(Map<String, Object> configuration, String experiment) {
        String where = "experiment [" + experiment + "]";
        checkKeys(configuration, where);
        Map<String, String> columnsMap = columnsMap(configuration.get("columns_map"), where);
        List<MetricConfiguration> metrics = metrics(configuration.get("metrics"));
        ExperimentModel model = model(configuration.get("model"), experiment);
        Object judge = configuration.get("judge_model");
        ModelConfiguration judgeModel = judge == null ? null : modelConfiguration(judge, experiment, "judge_model");
        return new Parts(String.valueOf(configuration.get("dataset")), model, metrics, judgeModel, columnsMap);
    }

    private static void checkKeys(Map<String, Object> configuration, String where) {
        UnknownKeys.require(configuration, EXPERIMENT_KEYS, where);
        if (configuration.get("model") instanceof Map<?, ?> model) {
            UnknownKeys.require(model, MODEL_KEYS, "[model] of " + where);
        }
        if (configuration.get("judge_model") instanceof Map<?, ?> judge) {
            UnknownKeys.require(judge, JUDGE_KEYS, "[judge_model] of " + where);
        }
    }

    private static Map<String, String> columnsMap(Object declared, String where) {
        if (declared == null) {
            return Map.of();
        }
        if (!(declared instanceof Map<?, ?> map)) {
            throw new ConfigurationException("[columns_map] of " + where
                    + " must be an object from canonical name to column, e.g. {\"query\": \"question\"}.");
        }
        Map<String, String> columns = new LinkedHashMap<>();
        map.forEach((k, v) -> columns.put(k.toString(), String.valueOf(v)));
        return columns;
    }

    // RequiredParams has checked the list: each entry is a name, or an object with a name.
    private static List<MetricConfiguration> metrics(Object declared) {
        List<MetricConfiguration> metrics = new ArrayList<>();
        for (Object entry : (List<?>) declared) {
            if (entry instanceof Map<?, ?> object) {
                Map<String, Object> params = new LinkedHashMap<>();
                object.forEach((k, v) -> params.put(k.toString(), v));
                metrics.add(new MetricConfiguration((String) params.remove("name"), params));
            } else {
                metrics.add(new MetricConfiguration((String) entry, Map.of()));
            }
        }
        return metrics;
    }

    private static ExperimentModel model(Object model, String experiment) {
        if (model instanceof Map<?, ?> object && object.containsKey("output")) {
            return preGenerated(object, experiment);
        }
        if (model instanceof Map<?, ?> object && object.containsKey(InProcessMethod.METHOD)) {
            return inProcess(object, experiment);
        }
        return modelConfiguration(model, experiment, "model");
    }

    private static InProcessMethod inProcess(Map<?, ?> object, String experiment) {
        String method = text(object.get(InProcessMethod.METHOD));
        if (method == null || !(object.get(InProcessMethod.METHOD) instanceof String)) {
            throw new ConfigurationException("[model.method] of experiment [" + experiment
                    + "] must name a method of the test class, e.g. {\"method\": \"answer\"}.");
        }
        List<String> extra = object.keySet().stream().map(Object::toString)
                .filter(key -> !METHOD_KEYS.contains(key)).toList();
        if (!extra.isEmpty()) {
            throw new ConfigurationException("[model] of experiment [" + experiment + "] names method [" + method
                    + "] and also sets " + extra + ", which configure a model the method replaces. Give a method with"
                    + " only " + METHOD_KEYS + ", or a model with [name].");
        }
        return new InProcessMethod(method.trim(), text(object.get("prelude_prompt")));
    }

    private static PreGeneratedOutputs preGenerated(Map<?, ?> object, String experiment) {
        String alias = text(object.get("aliased_name"));
        if (alias == null) {
            throw new ConfigurationException("the pre-generated output of experiment [" + experiment
                    + "] has no [aliased_name]. Name it, e.g. {\"aliased_name\": \"baseline\", \"output\": [...]}.");
        }
        if (!(object.get("output") instanceof List<?> output)) {
            throw new ConfigurationException("[output] of pre-generated model [" + alias + "] of experiment ["
                    + experiment + "] must be a list of answers. Give exactly one output per row, in dataset order.");
        }
        List<String> outputs = new ArrayList<>(output.size());
        for (Object answer : output) {
            outputs.add(answer == null ? null : answer.toString());
        }
        return new PreGeneratedOutputs(alias, outputs);
    }

    private static ModelConfiguration modelConfiguration(Object model, String experiment, String field) {
        if (model instanceof String name) {
            // Kept as written, even blank: the planner then reports the model as not declared.
            return ModelConfiguration.named(name);
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
        return new ModelConfiguration(text(object.get("name")), text(object.get("base_url")), text(object.get("api_key")),
                text(object.get("system_prompt")), text(object.get("prelude_prompt")),
                parameters(object.get("sampling_params"), field + ".sampling_params", experiment),
                parameters(object.get("extra_params"), field + ".extra_params", experiment));
    }

    private static Map<String, Object> parameters(Object given, String field, String experiment) {
        if (given == null) {
            return Map.of();
        }
        if (!(given instanceof Map<?, ?> object)) {
            throw new ConfigurationException("[" + field + "] of experiment [" + experiment
                    + "] must be an object of request parameters, e.g. {\"temperature\": 0.2}.");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        object.forEach((k, v) -> parameters.put(k.toString(), v));
        return parameters;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
