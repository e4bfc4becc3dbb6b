package dev.evalunit.experiment.spec;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.SecretReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code api_key} entries of a set: they must be references, and they are left out of what is recorded. */
final class ApiKeys {

    static final String API_KEY = "api_key";

    private ApiKeys() {
    }

    /**
     * Fails on an {@code api_key} at any depth (also written as a dotted key, e.g. {@code model.api_key}) that
     * is not a {@code ${env:NAME}} or {@code ${file:PATH}} reference. The message never holds the value.
     */
    static void requireReferences(Object value, String setName) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, v) -> {
                String k = String.valueOf(key);
                boolean apiKey = k.equals(API_KEY) || k.endsWith("." + API_KEY);
                if (apiKey && v != null && !(v instanceof String s && SecretReference.isReference(s))) {
                    throw new ConfigurationException("[" + API_KEY + "] of experiment set [" + setName
                            + "] is not a reference. Write " + SecretReference.FORMS + " instead of the key itself.");
                }
                requireReferences(v, setName);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(element -> requireReferences(element, setName));
        }
    }

    /** A deep copy without any {@code api_key} entry, at any depth. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> removed(Map<String, Object> configuration) {
        return (Map<String, Object>) removedFrom(configuration);
    }

    private static Object removedFrom(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!API_KEY.equals(k)) {
                    copy.put((String) k, removedFrom(v));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(removedFrom(element)));
            return copy;
        }
        return value;
    }
}
