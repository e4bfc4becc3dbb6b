package dev.evalunit.assertj;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.MetricSummary;
import org.assertj.core.api.AbstractAssert;

/** Assertions on one experiment of a set: one configuration, one repeat. */
public class ExperimentResultAssert extends AbstractAssert<ExperimentResultAssert, ExperimentResult> {

    public ExperimentResultAssert(ExperimentResult actual) {
        super(actual, ExperimentResultAssert.class);
    }

    /** One metric over this experiment's rows; fails if the experiment does not measure it. */
    public MetricSummaryAssert metric(String name) {
        isNotNull();
        MetricSummary summary = actual.metrics().get(name);
        if (summary == null) {
            failWithMessage("Expected experiment [%s] to measure [%s], but its metrics are %s",
                    actual.name(), name, actual.metricNames());
        }
        return new MetricSummaryAssert(summary, context());
    }

    private String context() {
        return String.format("experiment [%s] (%s, run %d/%d) over %d rows; observations: %s", actual.name(),
                actual.modelName(), actual.repeatIndex() + 1, actual.repeatCount(), actual.rows().size(),
                actual.reportDirectory() == null ? null : actual.reportDirectory().resolve("observations.jsonl"));
    }

    /** Assertions on one metric of one experiment. */
    public static class MetricSummaryAssert extends AbstractAssert<MetricSummaryAssert, MetricSummary> {
        private final String context;

        MetricSummaryAssert(MetricSummary actual, String context) {
            super(actual, MetricSummaryAssert.class);
            this.context = context;
        }

        /** Mean of the rows' scores. */
        public StatisticAssert mean() {
            return new StatisticAssert(actual.mean(), actual.metric() + " mean", context);
        }

        /** Rows with a score. */
        public StatisticAssert support() {
            return new StatisticAssert((double) actual.support(), actual.metric() + " support", context);
        }

        /** Share of rows without a score. */
        public StatisticAssert failureRate() {
            return new StatisticAssert(actual.failureRate(), actual.metric() + " failure rate", context);
        }
    }
}
