package dev.evalunit.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Typed, validated access to configuration values. The source is a lookup function: JUnit's
 * configuration parameters in tests, system properties on the command line, a map in unit tests.
 * A malformed value is a {@link ConfigurationException} naming the key. A source may also list the
 * keys it sets ({@link #keys()}), for the checks and messages that need to know what else is there.
 */
@API(status = INTERNAL, since = "0.1")
public final class EvalConfig {

    private final Function<String, Optional<String>> lookup;
    private final Supplier<? extends Collection<String>> keys;

    /** A source that cannot list its keys. */
    public EvalConfig(Function<String, Optional<String>> lookup) {
        this(lookup, Set::of);
    }

    /** @param keys lists the keys the source sets; asked only when needed, e.g. for an error message */
    public EvalConfig(Function<String, Optional<String>> lookup, Supplier<? extends Collection<String>> keys) {
        this.lookup = lookup;
        this.keys = keys;
    }

    public static EvalConfig of(Map<String, String> values) {
        return new EvalConfig(key -> Optional.ofNullable(values.get(key)), values::keySet);
    }

    public static EvalConfig systemProperties() {
        return new EvalConfig(key -> Optional.ofNullable(System.getProperty(key)),
                () -> System.getProperties().stringPropertyNames());
    }

    /** The {@code evalunit.*} keys the source sets, as far as it can list them; sorted. */
    public Set<String> keys() {
        Set<String> listed = new TreeSet<>(keys.get());
        listed.removeIf(key -> !key.startsWith(ConfigKeys.PREFIX));
        return listed;
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
