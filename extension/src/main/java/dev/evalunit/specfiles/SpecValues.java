package dev.evalunit.specfiles;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.json.JsonValues;
import java.util.List;
import java.util.Map;

/** Typed reads of a spec file's JSON values, each mistake a configuration error naming the key. */
final class SpecValues {

    private SpecValues() {
    }

    static Map<?, ?> object(Object value, String key, String owner) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw wrongType(key, "a JSON object", value, owner);
    }

    /** A string; {@code null} (absent) and {@code ""} both mean "not given" and read as {@code ""}. */
    static String text(Object value, String key, String owner) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        throw wrongType(key, "a string", value, owner);
    }

    static List<String> texts(Object value, String key, String owner) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw wrongType(key, "a list of strings", value, owner);
    }

    private static ConfigurationException wrongType(String key, String expected, Object value, String owner) {
        return new ConfigurationException(owner + " gives [" + key + "] " + JsonValues.describe(value)
                + ". Give " + expected + ".");
    }
}
