package dev.evalunit.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.MetricDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A whole experiment set, validated before its first call.
 *
 * @param descriptors every metric used in the set, by name
 * @param labels each configuration's label (what distinguishes it), by configuration id
 * @param concurrency most calls in flight at once across the set
 * @param reportDirectory the set's folder; each experiment writes into a folder of its own inside
 */
@API(status = INTERNAL, since = "0.1")
public record ExperimentSetPlan(String name, String readme, List<ExperimentPlan> experiments,
                                Map<String, MetricDescriptor> descriptors, Map<String, String> labels,
                                int concurrency, Path reportDirectory) {
    public ExperimentSetPlan {
        experiments = List.copyOf(experiments);
        descriptors = Map.copyOf(descriptors);
        labels = Map.copyOf(labels);
    }
}
