package dev.evalunit.specfiles;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigKeys.ModelKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A Vertex AI resource name used as a model name, as an AutoSxS file's {@code model_a} may be written
 * ({@code publishers/google/models/gemini-2.0-flash-001}): when it is not declared itself, it is called through
 * the one model declared with {@code provider=vertex}, taking that model's keys for where and how to call
 * ({@code provider}, {@code project}, {@code location}, {@code base-url}, {@code api-key}, credentials, timeouts,
 * retries, rate limits), never its {@code model}, {@code system-prompt}, sampling or {@code extra-params}: the model
 * called is the resource name itself. A key given for the resource name wins over the Vertex model's.
 */
@API(status = INTERNAL, since = "0.1")
public final class VertexResourceModels {

    /** What a Vertex AI publisher model's resource name starts with. */
    static final String RESOURCE_PREFIX = "publishers/google/models/";
    private static final String VERTEX = "vertex";
    private static final String PREFIX = ConfigKeys.MODELS_PREFIX + RESOURCE_PREFIX;
    private static final Set<String> OWN = Set.of(ModelKeys.MODEL, ModelKeys.SYSTEM_PROMPT, ModelKeys.TEMPERATURE,
            ModelKeys.TOP_P, ModelKeys.MAX_TOKENS, ModelKeys.EXTRA_PARAMS);

    private VertexResourceModels() {
    }

    /** {@code config}, in which a resource name's missing keys read those of the one Vertex model declared. */
    public static EvalConfig resolving(EvalConfig config) {
        return new EvalConfig(key -> config.get(key).or(() -> inherited(config, key)), config::keys);
    }

    private static Optional<String> inherited(EvalConfig config, String key) {
        int dot = key.lastIndexOf('.');
        if (!key.startsWith(PREFIX) || dot <= PREFIX.length() || OWN.contains(key.substring(dot + 1))) {
            return Optional.empty();
        }
        List<String> vertex = vertexModels(config);
        return vertex.size() == 1 ? config.get(ConfigKeys.modelKey(vertex.get(0), key.substring(dot + 1))) : Optional.empty();
    }

    /** The models declared with {@code provider=vertex} under a name that is not itself a resource name. */
    private static List<String> vertexModels(EvalConfig config) {
        String suffix = "." + ModelKeys.PROVIDER;
        return config.keys().stream()
                .filter(k -> k.startsWith(ConfigKeys.MODELS_PREFIX) && !k.startsWith(PREFIX) && k.endsWith(suffix))
                .filter(k -> config.get(k).map(String::strip).filter(VERTEX::equals).isPresent())
                .map(k -> k.substring(ConfigKeys.MODELS_PREFIX.length(), k.length() - suffix.length()))
                .sorted().toList();
    }

    /**
     * @param parameter the file's key that names it, e.g. {@code model_a}
     * @throws ConfigurationException when {@code model} is a resource name that is neither declared ({@code provider}
     *     or {@code base-url}) nor callable through exactly one Vertex model
     */
    static void requireCallable(String model, String parameter, EvalConfig config, String owner) {
        if (!model.startsWith(RESOURCE_PREFIX) || declared(model, config)) {
            return;
        }
        List<String> vertex = vertexModels(config);
        if (vertex.size() == 1) {
            return;
        }
        throw new ConfigurationException(owner + " names " + parameter + " [" + model + "], a Vertex AI model that is not"
                + " declared, and " + (vertex.isEmpty() ? "no model is declared with provider=vertex"
                : "the models " + vertex + " are all declared with provider=vertex") + " to call it through. Declare one"
                + " Vertex AI model (" + ConfigKeys.MODELS_PREFIX + "<name>." + ModelKeys.PROVIDER + "=vertex and "
                + ConfigKeys.MODELS_PREFIX + "<name>.project=<project>; its location and credentials serve too), or"
                + " declare this one under " + ConfigKeys.MODELS_PREFIX + model + ".*.");
    }

    private static boolean declared(String model, EvalConfig config) {
        return config.keys().contains(ConfigKeys.modelKey(model, ModelKeys.PROVIDER))
                || config.keys().contains(ConfigKeys.modelKey(model, ModelKeys.BASE_URL));
    }
}
