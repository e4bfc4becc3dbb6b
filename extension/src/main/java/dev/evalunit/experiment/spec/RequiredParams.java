package dev.evalunit.experiment.spec;

import dev.evalunit.json.JsonValues;
import dev.evalunit.config.ConfigurationException;
import java.util.List;
import java.util.Map;

/** What every experiment needs once merged: a dataset, a model and at least one metric. */
final class RequiredParams {

    private RequiredParams() {
    }

    /** @param where where the user sets a missing parameter, e.g. {@code cv.common_params or the experiment} */
    static void check(ExperimentDraft draft, String setName, String where) {
        Map<String, Object> configuration = draft.configuration();
        String owner = "experiment [" + draft.name() + "] of experiment set [" + setName + "]";
        for (String key : List.of("dataset", "model", "metrics")) {
            Object value = configuration.get(key);
            boolean missing = value == null || value instanceof String s && s.isBlank()
                    || value instanceof List<?> l && l.isEmpty();
            if (missing) {
                throw new ConfigurationException(owner + " has no [" + key + "]. Set it in " + where + ".");
            }
        }
        if (!(configuration.get("dataset") instanceof String)) {
            throw new ConfigurationException("[dataset] of " + owner + " must be a dataset path, but was "
                    + JsonValues.describe(configuration.get("dataset")) + ". Give the path of a JSONL or CSV file.");
        }
        if (!isModel(configuration.get("model"))) {
            throw new ConfigurationException("[model] of " + owner + " is neither a model name nor an object with [name],"
                    + " [aliased_name] or [method]. Name the model, e.g. {\"name\": \"m1\"}.");
        }
        if (!(configuration.get("metrics") instanceof List<?> metrics)
                || !metrics.stream().allMatch(RequiredParams::isMetric)) {
            throw new ConfigurationException("[metrics] of " + owner
                    + " must be a list of metric names or objects with a [name]. Write e.g. [\"judge_precision\","
                    + " {\"name\": \"judge_adhoc\", \"prompt\": \"Is {{ output }} polite?\"}].");
        }
    }

    // A model given by name alone was already expanded to {"name": ...} by ModelShorthand.
    private static boolean isModel(Object model) {
        return model instanceof Map<?, ?> map
                && (isName(map.get("name")) || isName(map.get("aliased_name")) || isName(map.get(InProcessMethod.METHOD)));
    }

    // A metric with parameters (judge_adhoc's prompt) is an object, as in EvalAP.
    private static boolean isMetric(Object metric) {
        return isName(metric) || metric instanceof Map<?, ?> map && isName(map.get("name"));
    }

    private static boolean isName(Object value) {
        return value instanceof String s && !s.isBlank();
    }
}
