package dev.evalunit.api.experiment;

import java.util.Map;

/** Reads common values out of a merged experiment configuration. */
final class ConfigurationViews {

    private ConfigurationViews() {
    }

    static String modelName(Map<String, Object> configuration) {
        if (configuration.get("model") instanceof Map<?, ?> model) {
            Object name = model.get("name") != null ? model.get("name") : model.get("aliased_name");
            return name == null ? null : name.toString();
        }
        Object model = configuration.get("model");
        return model == null ? null : model.toString();
    }
}
