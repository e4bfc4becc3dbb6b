package dev.evalunit.experiment.spec;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A validated experiment set, expanded into its experiments.
 *
 * @param name the set's name
 * @param readme why the set exists; empty when not given
 * @param experiments in run order: each configuration's repeats adjacent in the {@code cv} form
 * @param source where the set was declared (a file, a builder method, an annotation), for messages
 */
@API(status = INTERNAL, since = "0.1")
public record ExperimentSetSpec(String name, String readme, List<ExperimentConfiguration> experiments, String source) {

    public ExperimentSetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(readme, "readme");
        experiments = List.copyOf(experiments);
        Objects.requireNonNull(source, "source");
    }
}
