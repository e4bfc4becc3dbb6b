package dev.evalunit.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelProvider;
import dev.evalunit.api.spi.ProviderParameter;
import dev.evalunit.config.ClosestName;
import dev.evalunit.config.ConfigurationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Checks the sampling parameters an experiment gives a model against what the model's provider
 * declares ({@link ModelProvider#samplingParameters()}): their names and their JSON types. A provider
 * that declares none accepts any. Extra parameters are the pass-through and are not checked.
 */
@API(status = INTERNAL, since = "0.1")
public final class SamplingParams {

    private SamplingParams() {
    }

    /**
     * @param settings the model the parameters are for; its provider decides
     * @param params the parameters, as parsed from JSON
     * @param field where they are written, e.g. {@code model.sampling_params}
     * @param where the experiment, as messages name it, e.g. {@code experiment [v1__0]}
     * @throws ConfigurationException naming the experiment and the key
     */
    public static void check(ModelSettings settings, Map<?, ?> params, String field, String where) {
        ModelProvider provider = ModelProviders.installed().get(settings.provider(), settings.name());
        List<ProviderParameter> declared = provider.samplingParameters();
        if (declared.isEmpty()) {
            return;
        }
        String extra = field.substring(0, field.lastIndexOf('.') + 1) + "extra_params";
        params.forEach((name, value) -> {
            String key = field + "." + name;
            Optional<ProviderParameter> parameter = declared.stream().filter(p -> p.name().equals(name)).findFirst();
            if (parameter.isEmpty()) {
                List<String> names = declared.stream().map(ProviderParameter::name).toList();
                throw new ConfigurationException("[" + key + "] of " + where + " is not a sampling parameter of provider ["
                        + provider.name() + "]. " + ClosestName.to(String.valueOf(name), names)
                                .map(closest -> "Did you mean [" + closest + "]? ").orElse("Known: " + String.join(", ", names) + ". ")
                        + "Correct it, or pass it through unchecked in [" + extra + "].");
            }
            if (value != null && !fits(parameter.get().type(), value)) {
                throw new ConfigurationException("[" + key + "] of " + where + " must be "
                        + parameter.get().type().expected() + ", but was " + shown(value) + ".");
            }
        });
    }

    private static boolean fits(ProviderParameter.Type type, Object value) {
        switch (type) {
            case STRING:
                return value instanceof String;
            case TEXTS:
                return value instanceof String
                        || value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
            case INTEGER:
                return value instanceof Integer || value instanceof Long
                        || value instanceof java.math.BigInteger;
            case NUMBER:
                return value instanceof Number number && Double.isFinite(number.doubleValue());
            case BOOLEAN:
                return value instanceof Boolean;
            default:
                return false;
        }
    }

    private static String shown(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
