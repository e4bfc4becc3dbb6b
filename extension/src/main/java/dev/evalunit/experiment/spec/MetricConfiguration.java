package dev.evalunit.experiment.spec;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.json.JsonValues;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A metric as an experiment lists it: {@code "output_length"}, or an object with a {@code name} and its
 * parameters, e.g. {@code {"name": "judge_adhoc", "prompt": "..."}}.
 *
 * @param parameters the object's other entries, in declaration order; empty for a metric given by name
 */
@API(status = INTERNAL, since = "0.1")
public record MetricConfiguration(String name, Map<String, Object> parameters) {

    public MetricConfiguration {
        Objects.requireNonNull(name, "name");
        parameters = JsonValues.freeze(parameters);
    }
}
