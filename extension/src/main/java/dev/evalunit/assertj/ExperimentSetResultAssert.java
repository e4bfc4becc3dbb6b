package dev.evalunit.assertj;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RepeatStatistics;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a whole experiment set: its configurations compared across repeats. */
public class ExperimentSetResultAssert extends AbstractAssert<ExperimentSetResultAssert, ExperimentSetResult> {

    public ExperimentSetResultAssert(ExperimentSetResult actual) {
        super(actual, ExperimentSetResultAssert.class);
    }

    /** The configuration ranked first on {@code metric}, following the metric's direction. */
    public ConfigurationAssert best(String metric) {
        isNotNull();
        MetricRanking ranking = actual.rankings().get(metric);
        if (ranking == null) {
            failWithMessage("Expected experiment set [%s] to rank [%s], but it measures %s", actual.name(), metric,
                    actual.rankings().keySet());
        }
        ConfigurationResult best = actual.best(metric).orElse(null);
        if (best == null) {
            failWithMessage("Expected a best configuration on [%s] in experiment set [%s], but no configuration has a mean for it",
                    metric, actual.name());
        }
        return new ConfigurationAssert(best, this, "best on " + metric);
    }

    /** The configuration whose model (or pre-generated alias) is {@code model}; fails unless exactly one. */
    public ConfigurationAssert configurationWithModel(String model) {
        isNotNull();
        List<ConfigurationResult> matching = actual.configurations().stream()
                .filter(c -> model.equals(c.modelName())).toList();
        if (matching.size() != 1) {
            failWithMessage("Expected one configuration with model [%s] in experiment set [%s], but found %d among %s",
                    model, actual.name(), matching.size(), labels());
        }
        return new ConfigurationAssert(matching.get(0), this, "model " + model);
    }

    /** The p-value that the best configuration on {@code metric} differs from the runner-up. */
    public StatisticAssert pValue(String metric) {
        isNotNull();
        MetricRanking ranking = actual.rankings().get(metric);
        if (ranking == null) {
            failWithMessage("Expected experiment set [%s] to rank [%s], but it measures %s", actual.name(), metric,
                    actual.rankings().keySet());
        }
        return new StatisticAssert(ranking.pValue(), metric + " p-value (best vs runner-up)", context());
    }

    private List<String> labels() {
        return actual.configurations().stream().map(ConfigurationResult::label).toList();
    }

    String context() {
        return String.format("experiment set [%s] of %d experiments in %d configurations; summary: %s", actual.name(),
                actual.experiments().size(), actual.configurations().size(),
                actual.reportDirectory() == null ? null : actual.reportDirectory().resolve("set-summary.json"));
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

        public ConfigurationAssert hasModel(String model) {
            if (!model.equals(actual.modelName())) {
                failWithMessage("Expected the configuration %s to have model [%s], but it has [%s] (%s); %s", role, model,
                        actual.modelName(), actual.label(), set.context());
            }
            return this;
        }

        /** One metric of this configuration across its repeats. */
        public RepeatStatisticsAssert statistic(String metric) {
            RepeatStatistics statistics = actual.statistics().get(metric);
            if (statistics == null) {
                failWithMessage("Expected the configuration %s (%s) to measure [%s], but it measures %s", role,
                        actual.label(), metric, actual.statistics().keySet());
            }
            return new RepeatStatisticsAssert(statistics, "configuration " + actual.label() + "; " + set.context());
        }
    }

    /** Assertions on one metric of one configuration across repeats. */
    public static class RepeatStatisticsAssert extends AbstractAssert<RepeatStatisticsAssert, RepeatStatistics> {
        private final String context;

        RepeatStatisticsAssert(RepeatStatistics actual, String context) {
            super(actual, RepeatStatisticsAssert.class);
            this.context = context;
        }

        /** Mean of the repeats' means. */
        public StatisticAssert mean() {
            return figure(actual.mean(), "mean");
        }

        public StatisticAssert standardDeviation() {
            return figure(actual.standardDeviation(), "standard deviation of run means");
        }

        public StatisticAssert ciLow() {
            return figure(actual.ciLow(), "95% interval low bound");
        }

        public StatisticAssert ciHigh() {
            return figure(actual.ciHigh(), "95% interval high bound");
        }

        public StatisticAssert rowSpread() {
            return figure(actual.rowSpread(), "row spread");
        }

        public StatisticAssert failureRate() {
            return figure(actual.failureRate(), "failure rate");
        }

        private StatisticAssert figure(Double value, String what) {
            return new StatisticAssert(value, actual.metric() + " " + what, context + "; over " + actual.runs() + " runs");
        }
    }
}
