package dev.evalunit.metrics;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.config.ClosestName;
import dev.evalunit.config.ConfigurationException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The metrics an experiment set can name: every {@link Metric} listed in a
 * {@code META-INF/services/dev.evalunit.api.spi.Metric} file on the class path, the engine's own
 * included, by {@link MetricDescriptor#name()}.
 *
 * <p>Parameters: a metric's entry in a set is its name, or an object with its {@code name} and its
 * parameters, given either flat ({@code {"name": "judge_adhoc", "prompt": "..."}}) or as EvalAP nests them
 * ({@code {"name": "judge_adhoc", "aliased_name": "...", "params": {"prompt": "..."}}}). The keys
 * {@code name} and {@code aliased_name} are allowed for every metric and ignored here; any other key
 * must be one of the metric's {@link Metric#parameters()}.
 */
@API(status = INTERNAL, since = "0.1")
public final class MetricRegistry {

    static final String SERVICES_FILE = "META-INF/services/" + Metric.class.getName();

    private static final String NESTED = "params";
    private static final Set<String> IGNORED = Set.of("name", "aliased_name");

    private final Map<String, Metric> byName;

    private MetricRegistry(Map<String, Metric> byName) {
        this.byName = byName;
    }

    /** The metrics registered with the thread's context class loader (the test class path under JUnit). */
    public static MetricRegistry load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader == null ? MetricRegistry.class.getClassLoader() : loader);
    }

    /**
     * The metrics registered with {@code loader}.
     *
     * @throws ConfigurationException when a listed metric cannot be made, has no name, or shares its name
     *     with another
     */
    public static MetricRegistry load(ClassLoader loader) {
        List<Metric> metrics = new ArrayList<>();
        try {
            ServiceLoader.load(Metric.class, loader).forEach(metrics::add);
        } catch (ServiceConfigurationError e) {
            throw new ConfigurationException("a metric listed in [" + SERVICES_FILE + "] could not be loaded: "
                    + e.getMessage() + ". Fix that line: a metric is a public class with a public constructor "
                    + "without arguments.", e);
        }
        return of(metrics);
    }

    /** A registry of exactly these metrics; {@link #load()} is what the engine uses. */
    static MetricRegistry of(List<Metric> metrics) {
        Map<String, Metric> byName = new TreeMap<>();
        for (Metric metric : metrics) {
            MetricDescriptor descriptor = metric.descriptor();
            if (descriptor == null || descriptor.name().isBlank()) {
                throw new ConfigurationException("metric [" + metric.getClass().getName() + "] has no name. "
                        + "Return a descriptor with a name from its descriptor(), e.g. answer_characters.");
            }
            String name = descriptor.name();
            Metric other = byName.putIfAbsent(name, metric);
            if (other != null) {
                throw new ConfigurationException("metric name [" + name + "] is registered twice, by ["
                        + other.getClass().getName() + "] and [" + metric.getClass().getName() + "]. Rename one of "
                        + "them, or remove one from " + SERVICES_FILE + ".");
            }
        }
        return new MetricRegistry(byName);
    }

    /** Every metric name, in alphabetical order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** A metric's descriptor as registered, before any parameter ({@code judge_adhoc}'s lists no columns). */
    public MetricDescriptor descriptor(String name) {
        return registered(name).descriptor();
    }

    /**
     * A metric, ready to observe rows.
     *
     * @param params the metric's entry in the spec (its {@code name} and parameters), or an empty map
     * @throws ConfigurationException for an unknown name, an unknown parameter, or a value the metric rejects
     */
    public Metric create(String name, Map<String, Object> params) {
        Metric metric = registered(name);
        Map<String, Object> options = options(name, metric.parameters(), params == null ? Map.of() : params);
        try {
            return metric.withParameters(options);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("metric [" + name + "] rejects its parameters: " + e.getMessage()
                    + ". Fix them in the metric's entry of [metrics].", e);
        }
    }

    private Metric registered(String name) {
        Objects.requireNonNull(name, "name");
        Metric metric = byName.get(name);
        if (metric == null) {
            String suggestion = ClosestName.to(name, byName.keySet()).map(n -> " Did you mean [" + n + "]?").orElse("");
            throw new ConfigurationException("metric [" + name + "] is unknown." + suggestion + " Available metrics: "
                    + String.join(", ", byName.keySet()) + ". Use one of these names, or register your own metric in "
                    + SERVICES_FILE + ".");
        }
        return metric;
    }

    /** The options in {@code params}, EvalAP's nested {@code params} merged in, each checked against the metric. */
    private static Map<String, Object> options(String name, Set<String> accepted, Map<String, Object> params) {
        Map<String, Object> options = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (key.equals(NESTED) && value instanceof Map<?, ?> nested) {
                nested.forEach((k, v) -> options.put(String.valueOf(k), v));
            } else if (!IGNORED.contains(key)) {
                options.put(key, value);
            }
        });
        for (String key : options.keySet()) {
            if (!accepted.contains(key)) {
                throw new ConfigurationException("metric [" + name + "] has an unknown parameter [" + key + "]. "
                        + (accepted.isEmpty() ? "Remove it: this metric takes none."
                        : "Remove it: this metric takes " + String.join(", ", new TreeSet<>(accepted)) + "."));
            }
        }
        return options;
    }
}
