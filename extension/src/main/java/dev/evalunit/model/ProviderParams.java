package dev.evalunit.model;

import dev.evalunit.api.spi.ModelProvider;
import dev.evalunit.api.spi.ProviderParameter;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigKeys.ModelKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the values of a provider's own {@link ProviderParameter}s that a model's configuration sets
 * ({@code evalunit.models.NAME.<parameter>}), converted to their declared types.
 */
final class ProviderParams {

    private ProviderParams() {
    }

    /**
     * @throws ConfigurationException naming the key, when a value is not of its parameter's type, or
     *     naming the provider, when one of its parameters takes the name of a key every model has
     */
    static Map<String, Object> read(ModelProvider provider, String modelName, EvalConfig config) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ProviderParameter parameter : provider.parameters()) {
            if (ModelKeys.ALL.contains(parameter.name())) {
                throw new ConfigurationException("provider [" + provider.name() + "] declares a parameter ["
                        + parameter.name() + "], the name of a key every model has. Rename the parameter in "
                        + provider.getClass().getName() + ".");
            }
            String key = ConfigKeys.modelKey(modelName, parameter.name());
            Optional<String> value = config.get(key);
            value.ifPresent(text -> values.put(parameter.name(), typed(parameter, text, key)));
        }
        return values;
    }

    private static Object typed(ProviderParameter parameter, String text, String key) {
        try {
            switch (parameter.type()) {
                case STRING:
                case TEXTS:
                    return text;
                case INTEGER:
                    return Integer.parseInt(text);
                case NUMBER:
                    double number = Double.parseDouble(text);
                    if (Double.isFinite(number)) {
                        return number;
                    }
                    break;
                case BOOLEAN:
                    String lower = text.toLowerCase(Locale.ROOT);
                    if (lower.equals("true") || lower.equals("false")) {
                        return Boolean.valueOf(lower);
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException("[" + key + "] must be " + parameter.type().expected() + ", but was '"
                + text + "'. Correct it, or leave it unset (" + parameter.name() + ": " + parameter.description() + ").");
    }
}
