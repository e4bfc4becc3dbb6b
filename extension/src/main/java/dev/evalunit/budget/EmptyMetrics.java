package dev.evalunit.budget;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Whether an experiment may pass although one of its metrics produced no value on any row. Such a
 * metric (a judge that always answers in prose, a judge model that is down, a column that is never
 * there) has no mean: an assertion on its failure rate or on other metrics would let the test pass and
 * the broken metric go unnoticed. A metric that failed on some rows only stays a figure
 * ({@link MetricSummary#failureRate()}), as the error budget leaves it.
 *
 * @param allowed {@code true} when {@value ConfigKeys#ALLOW_EMPTY_METRICS} is set: empty metrics pass
 */
@API(status = INTERNAL, since = "0.1")
public record EmptyMetrics(boolean allowed) {

    /** {@link ConfigKeys#ALLOW_EMPTY_METRICS}; {@code false} when unset. */
    public static EmptyMetrics from(EvalConfig config) {
        return new EmptyMetrics(config.get(ConfigKeys.ALLOW_EMPTY_METRICS).map(EmptyMetrics::parse).orElse(false));
    }

    private static boolean parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException("[" + ConfigKeys.ALLOW_EMPTY_METRICS + "] must be true or false,"
                    + " but was '" + value + "'. Set true to let an experiment pass with a metric that has no value on"
                    + " any row, or leave it unset.");
        };
    }

    /**
     * Fails when a metric has no value on any of the experiment's rows, unless {@link #allowed()}.
     *
     * @throws EvaluationInfrastructureException naming the experiment, its set, each empty metric with its
     *     commonest reasons, and the observations
     */
    public void check(ExperimentResult experiment) {
        if (allowed || experiment.rows().isEmpty()) {
            return;
        }
        List<String> empty = experiment.metricNames().stream()
                .filter(name -> experiment.metric(name).map(m -> m.support() == 0).orElse(false)).toList();
        if (empty.isEmpty()) {
            return;
        }
        int rows = experiment.rows().size();
        String reasons = empty.stream()
                .map(name -> (empty.size() > 1 ? "[" + name + "] " : "") + CommonestReasons.of(reasons(experiment, name)))
                .collect(Collectors.joining("; "));
        throw new EvaluationInfrastructureException("experiment [" + experiment.description() + "] of set ["
                + experiment.setName() + "]: " + (empty.size() == 1 ? "metric" : "metrics") + " [" + String.join(", ", empty)
                + "] produced no value on any of its " + rows + (rows == 1 ? " row" : " rows") + ". Commonest reasons: "
                + reasons + ". The observations are in " + experiment.reportDirectory() + ". Fix the metric or its judge,"
                + " or set [" + ConfigKeys.ALLOW_EMPTY_METRICS + "] to true if an empty metric is expected.");
    }

    private static List<String> reasons(ExperimentResult experiment, String metric) {
        return experiment.rows().stream().map(row -> row.scores().get(metric))
                .map(observation -> observation == null ? "no observation" : observation.error()).toList();
    }
}
