package dev.evalunit.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A configuration as the set page shows it: one {@code dotted.key = value} line per value. The
 * results hold no API key (the engine leaves {@code api_key} out), and this view keeps it so: an
 * {@code api_key} that is a reference ({@code ${env:NAME}}, {@code ${file:PATH}}) shows as written,
 * which names where the key is, never the key; any other value shows as {@value #HIDDEN}.
 */
final class ShownConfiguration {

    static final String API_KEY = "api_key";
    static final String HIDDEN = "(hidden: not a reference)";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):[^}]+}");

    private ShownConfiguration() {
    }

    /** The lines, in the configuration's order; the text is not escaped yet. */
    static Map<String, String> lines(Map<String, Object> configuration) {
        Map<String, String> lines = new LinkedHashMap<>();
        flatten("", configuration, lines);
        return lines;
    }

    private static void flatten(String prefix, Object value, Map<String, String> lines) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((key, v) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, v, lines));
        } else if (value instanceof List<?> list && list.stream().anyMatch(e -> e instanceof Map<?, ?>)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), lines);
            }
        } else {
            lines.put(prefix, isApiKey(prefix) && !isReference(value) ? HIDDEN : String.valueOf(value));
        }
    }

    private static boolean isApiKey(String key) {
        return key.equals(API_KEY) || key.endsWith("." + API_KEY);
    }

    private static boolean isReference(Object value) {
        return value instanceof String text && REFERENCE.matcher(text).matches();
    }
}
