package dev.evalunit.junit;

import dev.evalunit.config.EvalConfig;
import dev.evalunit.model.ConfigurationKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * The {@code evalunit.*} keys a run sets, checked once per run before its first model call (see
 * {@link ConfigurationKeys}). Jupiter's {@link ExtensionContext} answers one key at a time, so the keys
 * are enumerated from three places:
 * <ol>
 *   <li>the run's own configuration parameters, as JUnit holds them (launcher parameters, Surefire's
 *       {@code configurationParameters}, EngineTestKit's {@code configurationParameter}, -D and the
 *       properties file): Platform 1.9's {@code ConfigurationParameters#keySet()}, reached at run time
 *       from the context because Jupiter does not hand it to extensions;</li>
 *   <li>the system properties;</li>
 *   <li>every {@code junit-platform.properties} resource on the test class path.</li>
 * </ol>
 * The last two also cover a JUnit whose internals the first cannot reach.
 */
final class ConfiguredKeys {

    static final String PROPERTIES_FILE = "junit-platform.properties";
    private static final String CONFIGURATION_PARAMETERS = "org.junit.platform.engine.ConfigurationParameters";
    private static final Namespace NAMESPACE = Namespace.create("dev.evalunit", "configuration-keys");

    private ConfiguredKeys() {
    }

    /**
     * Throws the run's unknown-key error, if it has one: the check runs once, and every test that needs
     * a model sees the same outcome.
     */
    static void check(ExtensionContext context) {
        Outcome outcome = StoreValues.computeIfAbsent(context.getRoot().getStore(NAMESPACE), Outcome.class,
                k -> Outcome.of(context), Outcome.class);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
    }

    /** The run's configuration: JUnit's configuration parameters, which list their keys as said above. */
    static EvalConfig config(ExtensionContext context) {
        return new EvalConfig(context::getConfigurationParameter, () -> of(context, classLoader()));
    }

    /** The keys set, from the three places; sorted. */
    static Set<String> of(ExtensionContext context, ClassLoader loader) {
        return of(launcherKeys(context).orElse(Set.of()), loader);
    }

    /** The keys set: {@code launcherKeys} (the run's configuration parameters), then the other two places; sorted. */
    static Set<String> of(Collection<String> launcherKeys, ClassLoader loader) {
        Set<String> keys = new TreeSet<>(launcherKeys);
        keys.addAll(System.getProperties().stringPropertyNames());
        keys.addAll(propertiesFileKeys(loader));
        return keys;
    }

    private record Outcome(RuntimeException failure) {
        static Outcome of(ExtensionContext context) {
            try {
                EvalConfig config = config(context);
                ConfigurationKeys.check(config.keys(), config);
                return new Outcome(null);
            } catch (RuntimeException e) {
                return new Outcome(e);
            }
        }
    }

    static ClassLoader classLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : ConfiguredKeys.class.getClassLoader();
    }

    private static Set<String> propertiesFileKeys(ClassLoader loader) {
        Set<String> keys = new TreeSet<>();
        try {
            Enumeration<URL> files = loader.getResources(PROPERTIES_FILE);
            while (files.hasMoreElements()) {
                Properties properties = new Properties();
                try (InputStream in = files.nextElement().openStream()) {
                    properties.load(in);
                }
                keys.addAll(properties.stringPropertyNames());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /**
     * The keys of the {@code ConfigurationParameters} the context was built with, found among its fields
     * and theirs (two levels: Jupiter wraps them in its configuration, possibly in a cache), or empty
     * when this JUnit keeps them elsewhere or the look-up is not allowed.
     */
    private static Optional<Collection<String>> launcherKeys(Object context) {
        try {
            return find(context, 3).map(ConfiguredKeys::keySet);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Object> find(Object holder, int depth) throws IllegalAccessException {
        for (Class<?> type = holder.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()
                        || !field.getType().getName().startsWith("org.junit.")) {
                    continue;
                }
                field.setAccessible(true);
                Object value = field.get(holder);
                if (value == null || value == holder) {
                    continue;
                }
                if (isConfigurationParameters(value.getClass())) {
                    return Optional.of(value);
                }
                if (depth > 1 && field.getType().getName().startsWith("org.junit.jupiter.engine.config.")) {
                    Optional<Object> found = find(value, depth - 1);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isConfigurationParameters(Class<?> type) {
        return configurationParametersType(type).isPresent();
    }

    private static Optional<Class<?>> configurationParametersType(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            for (Class<?> implemented : t.getInterfaces()) {
                if (implemented.getName().equals(CONFIGURATION_PARAMETERS)) {
                    return Optional.of(implemented);
                }
            }
        }
        return Optional.empty();
    }

    // Called through the public interface: the implementation is usually not a public class.
    @SuppressWarnings("unchecked")
    private static Collection<String> keySet(Object parameters) {
        try {
            Method keySet = configurationParametersType(parameters.getClass()).orElseThrow().getMethod("keySet");
            return (Collection<String>) keySet.invoke(parameters);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
