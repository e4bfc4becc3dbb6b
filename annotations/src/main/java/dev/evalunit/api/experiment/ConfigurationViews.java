package dev.evalunit.api.experiment;

import java.util.Map;

/** Reads common values out of a merged experiment configuration. */
final class ConfigurationViews {

    private ConfigurationViews() {
    }

    static String modelName(Map<String, Object> configuration) {
        if (configuration.get("model") instanceof Map<?, ?> model) {
            // A method of the test class ({"method": "answer"}) is named by its method.
            Object name = model.get("name") != null ? model.get("name")
                    : model.get("aliased_name") != null ? model.get("aliased_name") : model.get("method");
            return name == null ? null : name.toString();
        }
        Object model = configuration.get("model");
        return model == null ? null : model.toString();
    }
}
