package dev.evalunit.experiment.spec;

import dev.evalunit.json.JsonValues;
import java.util.Map;
import java.util.Objects;

/**
 * One experiment of a set: one configuration, one repeat.
 *
 * @param setName the set's name
 * @param name the experiment's name: as given in {@code experiments[]}, else {@code <setName>__<index>}
 * @param index 0-based position in the set
 * @param configuration the merged configuration as declared, {@code api_key} references included (to call models)
 * @param recordedConfiguration {@code configuration} without any {@code api_key}: what reports and results show
 * @param configurationId stable hash of {@code recordedConfiguration} without {@code name}; repeats share it
 * @param repeatIndex 0-based repeat among the experiments with this configuration id
 * @param repeatCount how many experiments have this configuration id
 * @param label the parameters that set this configuration apart in the set, e.g. {@code model=m1, temperature=0.2}
 */
public record ExperimentSpec(String setName, String name, int index, Map<String, Object> configuration,
                             Map<String, Object> recordedConfiguration, String configurationId, int repeatIndex,
                             int repeatCount, String label) {

    public ExperimentSpec {
        Objects.requireNonNull(setName, "setName");
        Objects.requireNonNull(name, "name");
        configuration = JsonValues.freeze(Objects.requireNonNull(configuration, "configuration"));
        recordedConfiguration = JsonValues.freeze(Objects.requireNonNull(recordedConfiguration, "recordedConfiguration"));
        Objects.requireNonNull(configurationId, "configurationId");
        Objects.requireNonNull(label, "label");
    }

    /** The JUnit display name, e.g. {@code model=m1, temperature=0.2 · run 1/3}. */
    public String displayName() {
        return label + " · run " + (repeatIndex + 1) + "/" + repeatCount;
    }
}
