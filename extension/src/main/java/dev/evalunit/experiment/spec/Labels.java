package dev.evalunit.experiment.spec;

import dev.evalunit.json.JsonValueText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Short labels that tell the configurations of a set apart, e.g. {@code model=m1, temperature=0.2}: the leaf
 * parameters whose values differ across the set, each named by the shortest dotted suffix of its path that no
 * other differing path shares, in declaration order.
 */
final class Labels {

    /** Longer values (a system prompt, pre-generated outputs) are cut so display names stay readable. */
    static final int MAX_VALUE_LENGTH = 40;

    private Labels() {
    }

    /**
     * @param identities each experiment's configuration without secrets and without its name
     * @return one label per experiment; the set's name for every experiment when none differ
     */
    static List<String> of(List<Map<String, Object>> identities, String setName) {
        List<Map<List<String>, Object>> leaves = identities.stream().map(Labels::leaves).toList();
        List<List<String>> differing = differingPaths(leaves);
        Map<List<String>, String> shown = new LinkedHashMap<>();
        differing.forEach(path -> shown.put(path, shortestUniqueSuffix(path, differing)));
        List<String> labels = new ArrayList<>();
        for (Map<List<String>, Object> experiment : leaves) {
            List<String> parts = new ArrayList<>();
            shown.forEach((path, key) -> {
                // A parameter an experiment does not set is left out of its label.
                if (experiment.containsKey(path)) {
                    parts.add(key + "=" + render(experiment.get(path)));
                }
            });
            labels.add(parts.isEmpty() ? setName : String.join(", ", parts));
        }
        return labels;
    }

    private static List<List<String>> differingPaths(List<Map<List<String>, Object>> leaves) {
        Set<List<String>> all = new LinkedHashSet<>();
        leaves.forEach(experiment -> all.addAll(experiment.keySet()));
        List<List<String>> differing = new ArrayList<>();
        for (List<String> path : all) {
            // Compared as canonical JSON: 1 and 1L, or maps in another key order, are the same value.
            long distinct = leaves.stream()
                    .map(experiment -> experiment.containsKey(path) ? JsonValueText.canonical(experiment.get(path)) : null)
                    .distinct().count();
            if (distinct > 1) {
                differing.add(path);
            }
        }
        return differing;
    }

    /**
     * Leaf paths and values in declaration order. A model object contributes its name (aliased name, method) under
     * the path of the model itself, so a label reads {@code model=m1} rather than {@code name=m1}.
     */
    private static Map<List<String>, Object> leaves(Map<String, Object> configuration) {
        Map<List<String>, Object> leaves = new LinkedHashMap<>();
        collect(configuration, List.of(), leaves);
        return leaves;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> object, List<String> prefix, Map<List<String>, Object> leaves) {
        object.forEach((key, value) -> {
            List<String> path = append(prefix, key);
            if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
                leaves.put(path, value);
                return;
            }
            Map<String, Object> child = new LinkedHashMap<>((Map<String, Object>) map);
            if (key.equals(ModelShorthand.MODEL)) {
                Object name = child.remove("name");
                Object aliasedName = child.remove("aliased_name");
                Object method = child.remove(InProcessMethod.METHOD);
                if (name != null || aliasedName != null || method != null) {
                    leaves.put(path, name != null ? name : aliasedName != null ? aliasedName : method);
                }
            }
            collect(child, path, leaves);
        });
    }

    private static List<String> append(List<String> prefix, String key) {
        List<String> path = new ArrayList<>(prefix);
        path.add(key);
        return List.copyOf(path);
    }

    private static String shortestUniqueSuffix(List<String> path, List<List<String>> paths) {
        for (int length = 1; length < path.size(); length++) {
            List<String> suffix = suffix(path, length);
            int n = length;
            boolean unique = paths.stream()
                    .filter(other -> !other.equals(path))
                    .noneMatch(other -> other.size() >= n && suffix(other, n).equals(suffix));
            if (unique) {
                return String.join(".", suffix);
            }
        }
        return String.join(".", path);
    }

    private static List<String> suffix(List<String> path, int length) {
        return path.subList(path.size() - length, path.size());
    }

    private static String render(Object value) {
        // A display name is one line: a multi-line prompt is shown with its line breaks as spaces.
        String text = (value instanceof String s ? s : JsonValueText.compact(value)).replaceAll("\\s+", " ");
        return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH - 1) + "…";
    }
}
