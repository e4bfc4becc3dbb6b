package dev.evalunit.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Keeps keys out of the system properties. Surefire copies the test JVM's system properties into
 * every {@code TEST-*.xml} it writes (when a test class completes), a file CI uploads; a key passed as
 * {@code -Devalunit.models.judge.api-key=...} would land there. Such a property is removed as soon
 * as evalunit starts (a launcher session listener, and again when the engine first builds its model
 * clients), and its name is remembered so that the configuration still refuses it.
 */
@API(status = INTERNAL, since = "0.1")
public final class SecretProperties {

    /** The last part of a key that names a secret: {@code api-key}, {@code client-secret}, {@code token}... */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i)(?:.*[-_])?(?:api[-_]?key|key|secret|password|passwd|token|credentials?)");
    private static final Pattern SYSTEM_REFERENCE = Pattern.compile("\\$\\{sys:([^}]+)}");

    private static final Set<String> REMOVED = ConcurrentHashMap.newKeySet();

    private SecretProperties() {
    }

    /** Whether {@code key} names a secret: an {@code evalunit.*} key whose last part is a key, secret, token... */
    public static boolean isSecretKey(String key) {
        return key.startsWith(ConfigKeys.PREFIX) && SECRET_NAME.matcher(key.substring(key.lastIndexOf('.') + 1)).matches();
    }

    /** Removes the secrets from {@link System#getProperties()}; cheap and safe to call more than once. */
    public static void scrubSystemProperties() {
        Properties properties = System.getProperties();
        synchronized (properties) {
            scrub(properties);
        }
    }

    /**
     * Removes from {@code properties} every secret key ({@link #isSecretKey}) whose value is not a
     * {@link SecretReference reference}, and the property that a {@code ${sys:NAME}} value names.
     *
     * @return the names removed
     */
    static List<String> scrub(Properties properties) {
        List<String> removed = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (!isSecretKey(key) || value == null || value.isBlank() || SecretReference.isReference(value)) {
                continue;
            }
            Matcher sys = SYSTEM_REFERENCE.matcher(value.trim());
            if (sys.matches() && properties.remove(sys.group(1)) != null) {
                removed.add(sys.group(1));
            }
            properties.remove(key);
            removed.add(key);
            REMOVED.add(key);
        }
        return removed;
    }

    /** Removes the system property a {@code ${sys:NAME}} reference names, if {@code value} is one. */
    public static void forgetReferenced(String value) {
        Matcher sys = SYSTEM_REFERENCE.matcher(value.trim());
        if (sys.matches()) {
            System.clearProperty(sys.group(1));
        }
    }

    /** Whether {@code key} held a secret in the system properties and was removed by this class. */
    public static boolean wasRemoved(String key) {
        return REMOVED.contains(key);
    }
}
