package dev.evalunit.model;

import dev.evalunit.api.spi.ModelProvider;
import dev.evalunit.config.ClosestName;
import dev.evalunit.config.ConfigurationException;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The {@link ModelProvider}s on the class path, by name, found with {@link ServiceLoader} from
 * {@code META-INF/services/dev.evalunit.api.spi.ModelProvider} (the engine's own {@code openai}
 * among them). Names match without regard to case. Loaded once per JVM, when the first model is resolved.
 */
final class ModelProviders {

    static final String SERVICES_FILE = "META-INF/services/" + ModelProvider.class.getName();

    private static volatile ModelProviders installed;

    private final Map<String, ModelProvider> byName;

    ModelProviders(Iterable<ModelProvider> providers) {
        Map<String, ModelProvider> named = new TreeMap<>();
        for (ModelProvider provider : providers) {
            ModelProvider other = named.put(provider.name().toLowerCase(Locale.ROOT), provider);
            if (other != null) {
                throw new ConfigurationException("two model providers are named [" + provider.name() + "] ("
                        + other.getClass().getName() + " and " + provider.getClass().getName()
                        + "). Keep one of them on the test class path.");
            }
        }
        this.byName = named;
    }

    /** The providers on the class path of the thread's context class loader, as first seen. */
    static ModelProviders installed() {
        ModelProviders providers = installed;
        if (providers == null) {
            synchronized (ModelProviders.class) {
                if (installed == null) {
                    installed = new ModelProviders(ServiceLoader.load(ModelProvider.class));
                }
                providers = installed;
            }
        }
        return providers;
    }

    /**
     * The name of the provider whose public API {@code baseUrl} is on (the host of its
     * {@link ModelProvider#defaultBaseUrl()}: {@code api.anthropic.com} is {@code anthropic}), else
     * {@link ModelSettings#OPENAI}: any other host is taken to speak the OpenAI-compatible format.
     */
    static String forBaseUrl(String baseUrl) {
        Optional<String> host = host(baseUrl);
        if (host.isPresent()) {
            for (ModelProvider provider : installed().byName.values()) {
                if (provider.defaultBaseUrl().flatMap(ModelProviders::host).filter(host.get()::equalsIgnoreCase).isPresent()) {
                    return provider.name();
                }
            }
        }
        return ModelSettings.OPENAI;
    }

    private static Optional<String> host(String url) {
        try {
            return Optional.ofNullable(java.net.URI.create(url.strip()).getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The provider named {@code providerName}, which model {@code modelName} declares.
     *
     * @throws ConfigurationException naming the model, listing the providers found, with a "did you
     *     mean" when one is close
     */
    ModelProvider get(String providerName, String modelName) {
        ModelProvider provider = byName.get(providerName.toLowerCase(Locale.ROOT));
        if (provider != null) {
            return provider;
        }
        String closest = ClosestName.to(providerName.toLowerCase(Locale.ROOT), byName.keySet()).orElse(null);
        throw new ConfigurationException("model [" + modelName + "] has unknown provider [" + providerName + "]. "
                + (closest == null ? "" : "Did you mean " + closest + "? ")
                + "Providers found: " + String.join(", ", byName.keySet()) + ". For another provider, put its jar"
                + " on the test class path (it registers itself in " + SERVICES_FILE + ").");
    }
}
