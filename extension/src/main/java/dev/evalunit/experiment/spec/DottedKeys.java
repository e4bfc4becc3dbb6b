package dev.evalunit.experiment.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands dotted keys into nested objects: {@code "model.sampling_params.temperature": 0.2} becomes
 * {@code "model": {"sampling_params": {"temperature": 0.2}}}. Applies at every depth; keys are taken in
 * order and deep-merged, so a dotted key and a nested object for the same path combine.
 */
final class DottedKeys {

    private DottedKeys() {
    }

    static Map<String, Object> expand(Map<String, Object> object) {
        Map<String, Object> expanded = new LinkedHashMap<>();
        object.forEach((key, value) -> {
            Map<String, Object> nested = nest(key, expandValue(value));
            expanded.putAll(DeepMerge.merge(expanded, nested));
        });
        return expanded;
    }

    @SuppressWarnings("unchecked")
    private static Object expandValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return expand((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> expanded = new ArrayList<>();
            list.forEach(element -> expanded.add(expandValue(element)));
            return expanded;
        }
        return value;
    }

    // A key with an empty part (".a", "a..b", "a.") is not a path; it is kept as written.
    private static Map<String, Object> nest(String key, Object value) {
        String[] parts = key.split("\\.", -1);
        boolean path = parts.length > 1;
        for (String part : parts) {
            path &= !part.isEmpty();
        }
        Object nested = value;
        if (path) {
            for (int i = parts.length - 1; i > 0; i--) {
                Map<String, Object> level = new LinkedHashMap<>();
                level.put(parts[i], nested);
                nested = level;
            }
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put(path ? parts[0] : key, nested);
        return top;
    }
}
