package dev.evalunit.provider;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.AccessTokenSource;
import dev.evalunit.api.spi.ProviderParameter;
import dev.evalunit.config.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apiguardian.api.API;

/**
 * The {@link AccessTokenSource} on the class path, if any, found with {@link ServiceLoader} from
 * {@code META-INF/services/dev.evalunit.api.spi.AccessTokenSource} (e.g. {@code evalunit-google-auth}'s).
 * Loaded once per JVM, when a provider that takes bearer tokens first asks.
 */
@API(status = INTERNAL, since = "0.1")
public final class AccessTokenSources {

    static final String SERVICES_FILE = "META-INF/services/" + AccessTokenSource.class.getName();

    private static volatile Optional<AccessTokenSource> installed;

    private AccessTokenSources() {
    }

    /**
     * The source on the class path of the thread's context class loader, as first seen.
     *
     * @throws ConfigurationException when there are two or more
     */
    public static Optional<AccessTokenSource> installed() {
        Optional<AccessTokenSource> source = installed;
        if (source == null) {
            synchronized (AccessTokenSources.class) {
                if (installed == null) {
                    installed = only(ServiceLoader.load(AccessTokenSource.class));
                }
                source = installed;
            }
        }
        return source;
    }

    /** The installed source's own parameters, or none. */
    public static List<ProviderParameter> parameters() {
        return installed().map(AccessTokenSource::parameters).orElse(List.of());
    }

    static Optional<AccessTokenSource> only(Iterable<AccessTokenSource> sources) {
        List<AccessTokenSource> found = new ArrayList<>();
        sources.forEach(found::add);
        if (found.size() > 1) {
            throw new ConfigurationException("there are " + found.size() + " access token sources on the class path ("
                    + String.join(", ", found.stream().map(s -> s.getClass().getName()).toList())
                    + "). Keep one of them on the test class path.");
        }
        return found.stream().findFirst();
    }
}
