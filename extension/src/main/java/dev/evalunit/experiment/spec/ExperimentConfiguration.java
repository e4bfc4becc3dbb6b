package dev.evalunit.experiment.spec;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.json.JsonValues;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One experiment of a set, expanded and typed: one configuration, one repeat. A JSON file, the Java builder
 * and the annotation's attributes that declare the same set give equal records.
 *
 * @param setName the set's name
 * @param name the experiment's name: as given in {@code experiments[]}, else {@code <setName>__<index>}
 * @param index 0-based position in the set
 * @param dataset the dataset's path, as declared
 * @param model the model that answers, or the pre-generated answers
 * @param metrics in declaration order
 * @param judgeModel the judge model, or {@code null} when none is set
 * @param columnsMap canonical name to dataset column; empty when not given
 * @param configurationId stable hash of {@code recordedConfiguration} without {@code name}; repeats share it
 * @param repeatIndex 0-based repeat among the experiments with this configuration id
 * @param repeatCount how many experiments have this configuration id
 * @param label the parameters that set this configuration apart in the set, e.g. {@code model=m1, temperature=0.2}
 * @param recordedConfiguration the merged configuration as declared, without any {@code api_key}: the view that
 *     results and report files show users, in declaration order; the engine reads the typed fields
 */
@API(status = INTERNAL, since = "0.1")
public record ExperimentConfiguration(String setName, String name, int index, String dataset, ExperimentModel model,
                                      List<MetricConfiguration> metrics, ModelConfiguration judgeModel,
                                      Map<String, String> columnsMap, String configurationId, int repeatIndex,
                                      int repeatCount, String label, Map<String, Object> recordedConfiguration) {

    public ExperimentConfiguration {
        Objects.requireNonNull(setName, "setName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        metrics = List.copyOf(metrics);
        columnsMap = Collections.unmodifiableMap(new LinkedHashMap<>(columnsMap));
        Objects.requireNonNull(configurationId, "configurationId");
        Objects.requireNonNull(label, "label");
        recordedConfiguration = JsonValues.freeze(Objects.requireNonNull(recordedConfiguration, "recordedConfiguration"));
    }

    /** The JUnit display name, e.g. {@code model=m1, temperature=0.2 · run 1/3}. */
    public String displayName() {
        return label + " · run " + (repeatIndex + 1) + "/" + repeatCount;
    }
}
