package dev.evalunit.experiment.spec;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ClosestName;
import dev.evalunit.config.ConfigurationException;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Rejects keys an object does not accept: a misspelt key would otherwise be ignored without a word. A
 * single unknown key close to an accepted one gets a "did you mean".
 */
@API(status = INTERNAL, since = "0.1")
public final class UnknownKeys {

    private UnknownKeys() {
    }

    /** @param owner e.g. {@code experiment set [v1]}, the start of the message */
    public static void require(Map<?, ?> object, List<String> accepted, String owner) {
        List<String> unknown = object.keySet().stream().map(String::valueOf).filter(k -> !accepted.contains(k)).toList();
        if (!unknown.isEmpty()) {
            String suggestion = unknown.size() == 1
                    ? ClosestName.to(unknown.get(0), accepted).map(known -> " Did you mean [" + known + "]?").orElse("")
                    : "";
            throw new ConfigurationException(owner + " has unknown " + (unknown.size() == 1 ? "key" : "keys")
                    + " [" + String.join(", ", unknown) + "]." + suggestion + " Use only " + String.join(", ", accepted) + ".");
        }
    }
}
