package dev.evalunit.assertj;

import static org.apiguardian.api.API.Status.STABLE;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RepeatStatistics;
import dev.evalunit.files.SetSummaryFile;
import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a whole experiment set: its configurations compared across repeats. Failures name the
 * figure ({@code judge_precision ci_low}), its value, the expectation, the configuration, the set and its
 * summary file.
 */
@API(status = STABLE, since = "0.1")
public class ExperimentSetResultAssert extends AbstractAssert<ExperimentSetResultAssert, ExperimentSetResult> {

    public ExperimentSetResultAssert(ExperimentSetResult actual) {
        super(actual, ExperimentSetResultAssert.class);
    }

    /** The configuration ranked first on {@code metric}, following the metric's direction. */
    public ConfigurationAssert best(String metric) {
        ranking(metric);
        ConfigurationResult best = actual.best(metric).orElse(null);
        if (best == null) {
            failWithMessage("Expected a best configuration on [%s], but no configuration has a mean for it (no row was"
                    + " scored); %s", metric, context());
        }
        return configuration(best, "the best configuration on [" + metric + "]");
    }

    /** The configuration whose model (or pre-generated alias) is {@code model}; fails unless exactly one. */
    public ConfigurationAssert configurationWithModel(String model) {
        isNotNull();
        List<ConfigurationResult> matching = actual.configurations().stream()
                .filter(c -> model.equals(c.modelName())).toList();
        if (matching.isEmpty()) {
            failWithMessage("Expected one configuration with model [%s], but found none among %s; %s", model,
                    labels(actual.configurations()), context());
        }
        if (matching.size() > 1) {
            failWithMessage("Expected one configuration with model [%s], but found %d: %s; %s", model, matching.size(),
                    labels(matching), context());
        }
        return configuration(matching.get(0), "the configuration with model [" + model + "]");
    }

    /** The p-value that the best configuration on {@code metric} differs from the runner-up. */
    public StatisticAssert pValue(String metric) {
        MetricRanking ranking = ranking(metric);
        List<String> ranked = ranking.configurationIds();
        String comparison = ranked.size() >= 2
                ? "best " + label(ranked.get(0)) + " vs runner-up " + label(ranked.get(1))
                : "best vs runner-up, but " + (ranked.isEmpty() ? "no configuration is" : "only 1 configuration is")
                        + " ranked";
        StatisticAssert pValue = new StatisticAssert(ranking.pValue(), metric + " p_value (" + comparison + ")", context(),
                "it needs two ranked configurations with rows scored in both");
        return info.hasDescription() ? pValue.as(info.description()) : pValue;
    }

    private MetricRanking ranking(String metric) {
        isNotNull();
        MetricRanking ranking = actual.rankings().get(metric);
        if (ranking == null) {
            failWithMessage("Expected [%s] to be measured, but the set measures %s; %s", metric,
                    List.copyOf(actual.rankings().keySet()), context());
        }
        return ranking;
    }

    private ConfigurationAssert configuration(ConfigurationResult configuration, String role) {
        ConfigurationAssert assertion = new ConfigurationAssert(configuration, this, role);
        // Carries as(...), given on the set, over to where the failure happens.
        return info.hasDescription() ? assertion.as(info.description()) : assertion;
    }

    private String label(String configurationId) {
        return actual.configuration(configurationId).map(c -> "[" + c.label() + "]").orElse("[" + configurationId + "]");
    }

    // Each label in its own brackets: labels hold commas themselves (model=m1, temperature=0.2).
    private static String labels(List<ConfigurationResult> configurations) {
        return configurations.stream().map(c -> "[" + c.label() + "]").collect(Collectors.joining(", "));
    }

    String context() {
        int experiments = actual.experiments().size();
        int configurations = actual.configurations().size();
        return "experiment set [" + actual.name() + "] of " + experiments + (experiments == 1 ? " experiment" : " experiments")
                + " in " + configurations + (configurations == 1 ? " configuration" : " configurations")
                + (actual.reportDirectory() == null ? "" : "; summary: " + actual.reportDirectory().resolve(SetSummaryFile.NAME));
    }

    /** Assertions on one configuration of a set, across its repeats. */
    public static class ConfigurationAssert extends AbstractAssert<ConfigurationAssert, ConfigurationResult> {
        private final ExperimentSetResultAssert set;
        private final String role;

        ConfigurationAssert(ConfigurationResult actual, ExperimentSetResultAssert set, String role) {
            super(actual, ConfigurationAssert.class);
            this.set = set;
            this.role = role;
        }

        /** Fails unless this configuration's model (or pre-generated alias) is {@code model}. */
        public ConfigurationAssert hasModel(String model) {
            if (!model.equals(actual.modelName())) {
                failWithMessage("Expected %s to have model [%s], but its model is [%s] (configuration [%s]); %s", role,
                        model, actual.modelName(), actual.label(), set.context());
            }
            return this;
        }

        /** One metric of this configuration across its repeats. */
        public RepeatStatisticsAssert statistic(String metric) {
            RepeatStatistics statistics = actual.statistics().get(metric);
            if (statistics == null) {
                failWithMessage("Expected [%s] to be measured, but %s measures %s; %s", metric, role,
                        List.copyOf(actual.statistics().keySet()), set.context());
            }
            int repeats = actual.experimentNames().size();
            RepeatStatisticsAssert assertion = new RepeatStatisticsAssert(statistics, "configuration [" + actual.label()
                    + "], scored in " + statistics.runs() + " of " + repeats + (repeats == 1 ? " run" : " runs")
                    + "; " + set.context());
            return info.hasDescription() ? assertion.as(info.description()) : assertion;
        }
    }

    /** Assertions on one metric of one configuration across repeats; figures are named as in the set summary. */
    public static class RepeatStatisticsAssert extends AbstractAssert<RepeatStatisticsAssert, RepeatStatistics> {
        private final String context;

        RepeatStatisticsAssert(RepeatStatistics actual, String context) {
            super(actual, RepeatStatisticsAssert.class);
            this.context = context;
        }

        /** {@code mean}: mean of the repeats' means. */
        public StatisticAssert mean() {
            return figure(actual.mean(), "mean", "no run has a score");
        }

        /** {@code standard_deviation}: sample standard deviation of the repeats' means (2 runs or more). */
        public StatisticAssert standardDeviation() {
            return figure(actual.standardDeviation(), "standard_deviation", TWO_RUNS);
        }

        /** {@code ci_low}: lower bound of the 95% interval of the mean (2 runs or more). */
        public StatisticAssert ciLow() {
            return figure(actual.ciLow(), "ci_low", TWO_RUNS);
        }

        /** {@code ci_high}: upper bound of the 95% interval of the mean (2 runs or more). */
        public StatisticAssert ciHigh() {
            return figure(actual.ciHigh(), "ci_high", TWO_RUNS);
        }

        /** {@code row_spread}: how much one row's score varies from run to run. */
        public StatisticAssert rowSpread() {
            return figure(actual.rowSpread(), "row_spread", "no row has a score in 2 runs");
        }

        /** {@code failure_rate}: share of observations without a score, over all repeats. */
        public StatisticAssert failureRate() {
            return figure(actual.failureRate(), "failure_rate", "there are no observations");
        }

        private static final String TWO_RUNS = "it needs 2 runs with a score";

        private StatisticAssert figure(Double value, String name, String whyNull) {
            StatisticAssert figure = new StatisticAssert(value, actual.metric() + " " + name, context, whyNull);
            return info.hasDescription() ? figure.as(info.description()) : figure;
        }
    }
}
