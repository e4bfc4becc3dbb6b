package dev.evalunit.api.experiment;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One configuration of a set and its repeats.
 *
 * @param configurationId the configuration's stable id
 * @param label what distinguishes it in the set, e.g. {@code model.name=m1, temperature=0.2}
 * @param configuration the merged configuration, secrets removed
 * @param experimentNames its repeats' experiment names, by repeat index
 * @param statistics per metric
 */
@API(status = STABLE, since = "0.1")
public record ConfigurationResult(String configurationId, String label, Map<String, Object> configuration,
                                  List<String> experimentNames, Map<String, RepeatStatistics> statistics) {
    public ConfigurationResult {
        configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        experimentNames = List.copyOf(experimentNames);
        statistics = Collections.unmodifiableMap(new LinkedHashMap<>(statistics));
    }

    public Optional<RepeatStatistics> statistic(String metric) {
        return Optional.ofNullable(statistics.get(metric));
    }

    public String modelName() {
        return ConfigurationViews.modelName(configuration);
    }
}
