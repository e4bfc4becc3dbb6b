package dev.evalunit.specfiles;

import dev.evalunit.config.ClosestName;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.experiment.spec.UnknownKeys;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a spec file's {@code evalunit} block: its gates, and nothing else. */
final class Gates {

    /** The block's key in either JSON. */
    static final String BLOCK = "evalunit";
    static final String GATES = "gates";

    private Gates() {
    }

    /** What a pairwise evaluation's gates name, for messages. */
    static final String FIGURE = "a figure of metrics.json";

    /**
     * @param block the {@code evalunit} value, or {@code null} when the file has none
     * @param names what the gates may name
     * @param what what those names are, for messages, e.g. {@value #FIGURE}
     */
    static List<Gate> read(Object block, Set<String> names, String what, String owner) {
        if (block == null) {
            return List.of();
        }
        Map<?, ?> object = SpecValues.object(block, BLOCK, owner);
        UnknownKeys.require(object, List.of(GATES), "[" + BLOCK + "] of " + owner);
        List<Gate> gates = new ArrayList<>();
        SpecValues.object(object.get(GATES) == null ? Map.of() : object.get(GATES), BLOCK + "." + GATES, owner)
                .forEach((name, condition) -> {
                    String metric = String.valueOf(name);
                    requireName(metric, names, what, owner);
                    gates.add(Gate.parse(metric, condition, owner));
                });
        return List.copyOf(gates);
    }

    /** @throws ConfigurationException when {@code metric} is not one of {@code names}, suggesting the closest */
    static void requireName(String metric, Set<String> names, String what, String owner) {
        if (!names.contains(metric)) {
            throw new ConfigurationException(owner + " gates [" + metric + "], which is not " + what + "."
                    + ClosestName.to(metric, names).map(k -> " Did you mean [" + k + "]?")
                    .orElse(" Names: " + String.join(", ", new TreeSet<>(names)) + "."));
        }
    }

    /** The names a class declares as {@code public static final String} constants, e.g. a list of metric names. */
    static Set<String> constantsOf(Class<?> names) {
        TreeSet<String> values = new TreeSet<>();
        for (Field field : names.getFields()) {
            int modifiers = field.getModifiers();
            if (field.getType() == String.class && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableSortedSet(values);
    }
}
