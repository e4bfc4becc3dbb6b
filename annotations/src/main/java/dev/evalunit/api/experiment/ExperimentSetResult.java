package dev.evalunit.api.experiment;

import static org.apiguardian.api.API.Status.STABLE;

import dev.evalunit.api.usage.Usage;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A whole experiment set, computed once per run and shared by its experiments' invocations and
 * any test that asks for it with {@link dev.evalunit.api.ExperimentSetResults}.
 *
 * @param usage the set's tokens and cost (all its experiments and judges), as its {@code set-summary.json}
 *     gives them; {@link Usage#NONE} when not counted
 */
@API(status = STABLE, since = "0.1")
public record ExperimentSetResult(String name, String readme, List<ExperimentResult> experiments,
                                  List<ConfigurationResult> configurations, Map<String, MetricRanking> rankings,
                                  Path reportDirectory, Usage usage) {
    public ExperimentSetResult {
        experiments = List.copyOf(experiments);
        configurations = List.copyOf(configurations);
        rankings = Collections.unmodifiableMap(new LinkedHashMap<>(rankings));
        usage = usage == null ? Usage.NONE : usage;
    }

    /** A set without counted usage ({@link Usage#NONE}). */
    public ExperimentSetResult(String name, String readme, List<ExperimentResult> experiments,
                               List<ConfigurationResult> configurations, Map<String, MetricRanking> rankings,
                               Path reportDirectory) {
        this(name, readme, experiments, configurations, rankings, reportDirectory, Usage.NONE);
    }

    /** The same set with {@code value} as its tokens and cost. */
    public ExperimentSetResult withUsage(Usage value) {
        return new ExperimentSetResult(name, readme, experiments, configurations, rankings, reportDirectory, value);
    }

    public Optional<ConfigurationResult> configuration(String configurationId) {
        return configurations.stream().filter(c -> c.configurationId().equals(configurationId)).findFirst();
    }

    /** The best configuration on {@code metric}, if any configuration has a mean for it. */
    public Optional<ConfigurationResult> best(String metric) {
        MetricRanking ranking = rankings.get(metric);
        if (ranking == null || ranking.configurationIds().isEmpty()) {
            return Optional.empty();
        }
        return configuration(ranking.configurationIds().get(0));
    }
}
