package dev.evalunit.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelProvider;
import dev.evalunit.api.spi.ProviderParameter;
import dev.evalunit.config.ClosestName;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigKeys.ModelKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Refuses an {@code evalunit.*} key the engine does not read: a misspelt key would otherwise be
 * ignored and the run would go ahead on a default. The known keys are derived, never listed again:
 * {@link ConfigKeys#topLevelKeys()}, and under {@code evalunit.models.NAME.} the keys every model has
 * ({@link ModelKeys#ALL}) plus the {@link ProviderParameter}s of the model's provider.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConfigurationKeys {

    private ConfigurationKeys() {
    }

    /**
     * @param keys the keys set, from wherever they were enumerated; those outside {@code evalunit.} are ignored
     * @param config the values, to find each model's provider
     * @throws ConfigurationException naming the first unknown key (in sorted order) and the closest known one
     */
    public static void check(Collection<String> keys, EvalConfig config) {
        for (String key : new TreeSet<>(keys)) {
            if (key.startsWith(ConfigKeys.MODELS_PREFIX)) {
                checkModelKey(key, config);
            } else if (key.startsWith(ConfigKeys.PRICES_PREFIX)) {
                continue; // checked, with the values, by cost.PriceTable when the run starts
            } else if (key.startsWith(ConfigKeys.DATASETS_PREFIX) && key.length() > ConfigKeys.DATASETS_PREFIX.length()
                    || key.startsWith(ConfigKeys.BASE_URLS_PREFIX) && key.length() > ConfigKeys.BASE_URLS_PREFIX.length()) {
                continue; // a named dataset, a base-URL route: any name
            } else if (key.startsWith(ConfigKeys.PREFIX) && !ConfigKeys.topLevelKeys().contains(key)) {
                throw unknown(key, ClosestName.to(key, ConfigKeys.topLevelKeys()));
            }
        }
    }

    private static void checkModelKey(String key, EvalConfig config) {
        String rest = key.substring(ConfigKeys.MODELS_PREFIX.length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0) {
            throw unknown(key, Optional.empty());
        }
        String model = rest.substring(0, dot);
        String name = rest.substring(dot + 1);
        Set<String> accepted = accepted(model, config);
        if (!accepted.contains(name)) {
            throw unknown(key, ClosestName.to(name, accepted).map(known -> ConfigKeys.modelKey(model, known)));
        }
    }

    /** The keys under {@code evalunit.models.<model>.}: those every model has, then its provider's own. */
    static Set<String> accepted(String model, EvalConfig config) {
        Set<String> accepted = new TreeSet<>(ModelKeys.ALL);
        ModelProvider provider = ModelProviders.installed()
                .get(config.get(ConfigKeys.modelKey(model, ModelKeys.PROVIDER)).orElse(ModelSettings.OPENAI), model);
        provider.parameters().forEach(parameter -> accepted.add(parameter.name()));
        return accepted;
    }

    private static ConfigurationException unknown(String key, Optional<String> closest) {
        return new ConfigurationException("[" + key + "] is not a configuration key. "
                + closest.map(known -> "Did you mean [" + known + "]? ").orElse("Keys: " + String.join(", ",
                        ConfigKeys.topLevelKeys()) + ", " + ConfigKeys.DATASETS_PREFIX + "NAME, " + ConfigKeys.BASE_URLS_PREFIX + "URL, " + ConfigKeys.MODELS_PREFIX + "NAME.<key>"
                        + " and " + ConfigKeys.PRICES_PREFIX + "NAME.<key>"
                        + " (docs/configuration.md). ")
                + "Correct it, or remove it.");
    }
}
