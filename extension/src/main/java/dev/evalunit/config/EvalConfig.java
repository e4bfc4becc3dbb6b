package dev.evalunit.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, validated access to configuration values. The source is a lookup function: JUnit's
 * configuration parameters in tests, system properties on the command line, a map in unit tests.
 * A malformed value is a {@link ConfigurationException} naming the key.
 */
public final class EvalConfig {

    private final Function<String, Optional<String>> lookup;

    public EvalConfig(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public static EvalConfig of(Map<String, String> values) {
        return new EvalConfig(key -> Optional.ofNullable(values.get(key)));
    }

    public static EvalConfig systemProperties() {
        return new EvalConfig(key -> Optional.ofNullable(System.getProperty(key)));
    }

    public static EvalConfig empty() {
        return new EvalConfig(key -> Optional.empty());
    }

    /** The value, trimmed; blank counts as absent. */
    public Optional<String> get(String key) {
        return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public Optional<Integer> getInt(String key) {
        return get(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new ConfigurationException("[" + key + "] must be a whole number, but was '" + v + "'.");
            }
        });
    }

    public int getPositiveInt(String key, int defaultValue) {
        int value = getInt(key).orElse(defaultValue);
        if (value <= 0) {
            throw new ConfigurationException("[" + key + "] must be positive, but was " + value + ".");
        }
        return value;
    }

    public Optional<Double> getDouble(String key) {
        return get(key).map(v -> {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new ConfigurationException("[" + key + "] must be a number, but was '" + v + "'.");
            }
        });
    }
}
