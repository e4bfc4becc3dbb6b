package dev.evalunit.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ClosestName;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigKeys.ModelKeys;
import dev.evalunit.config.EvalConfig;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;

/** The models a run declares, for the message that a name is not one of them. */
@API(status = INTERNAL, since = "0.1")
public final class DeclaredModels {

    private static final String BASE_URL_SUFFIX = "." + ModelKeys.BASE_URL;

    private DeclaredModels() {
    }

    /**
     * The names with a base URL: each {@code evalunit.models.NAME.base-url} the configuration lists,
     * and {@code inline}, the names declared next to the evaluation with one. Sorted.
     */
    public static Set<String> names(EvalConfig config, Collection<String> inline) {
        Set<String> names = new TreeSet<>(inline);
        for (String key : config.keys()) {
            if (key.startsWith(ConfigKeys.MODELS_PREFIX) && key.endsWith(BASE_URL_SUFFIX)
                    && key.length() > ConfigKeys.MODELS_PREFIX.length() + BASE_URL_SUFFIX.length()) {
                names.add(key.substring(ConfigKeys.MODELS_PREFIX.length(), key.length() - BASE_URL_SUFFIX.length()));
            }
        }
        return names;
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
