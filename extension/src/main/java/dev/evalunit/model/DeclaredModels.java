package dev.evalunit.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ClosestName;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigKeys.ModelKeys;
import dev.evalunit.config.EvalConfig;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/** The models a run declares, for the message that a name is not one of them. */
@API(status = INTERNAL, since = "0.1")
public final class DeclaredModels {

    private static final String BASE_URL_SUFFIX = "." + ModelKeys.BASE_URL;
    private static final String PROVIDER_SUFFIX = "." + ModelKeys.PROVIDER;

    private DeclaredModels() {
    }

    /**
     * The declared names: each {@code NAME} of an {@code evalunit.models.NAME.base-url} or
     * {@code evalunit.models.NAME.provider} the configuration lists (a model of a provider calls that
     * provider's public API when it sets no base URL), and {@code inline}, the names declared next to
     * the evaluation with a base URL. Sorted.
     */
    public static Set<String> names(EvalConfig config, Collection<String> inline) {
        Set<String> names = new TreeSet<>(inline);
        for (String key : config.keys()) {
            name(key, BASE_URL_SUFFIX).or(() -> name(key, PROVIDER_SUFFIX)).ifPresent(names::add);
        }
        return names;
    }

    /** Whether the configuration declares model {@code name}: it sets its {@code base-url} or its {@code provider}. */
    public static boolean isDeclared(EvalConfig config, String name) {
        return config.get(ConfigKeys.modelKey(name, ModelKeys.BASE_URL)).isPresent()
                || config.get(ConfigKeys.modelKey(name, ModelKeys.PROVIDER)).isPresent();
    }

    private static Optional<String> name(String key, String suffix) {
        if (key.startsWith(ConfigKeys.MODELS_PREFIX) && key.endsWith(suffix)
                && key.length() > ConfigKeys.MODELS_PREFIX.length() + suffix.length()) {
            return Optional.of(key.substring(ConfigKeys.MODELS_PREFIX.length(), key.length() - suffix.length()));
        }
        return Optional.empty();
    }

    /**
     * What to say after "model [name] is not declared.": the closest declared name, if one is close,
     * and the declared names, e.g. {@code Did you mean [judge]? Declared models: candidate, judge. }
     */
    public static String hint(String name, Set<String> declared) {
        if (declared.isEmpty()) {
            return "No model is declared. ";
        }
        return ClosestName.to(name, declared).map(closest -> "Did you mean [" + closest + "]? ").orElse("")
                + "Declared models: " + String.join(", ", declared) + ". ";
    }
}
