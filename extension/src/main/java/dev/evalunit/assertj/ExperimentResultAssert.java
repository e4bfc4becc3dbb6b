package dev.evalunit.assertj;

import static org.apiguardian.api.API.Status.STABLE;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.files.ObservationsFile;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one experiment of a set: one configuration, one repeat. Failures name the figure
 * ({@code judge_precision mean}), its value, the expectation, the experiment (what tells it apart in its set,
 * its run and its name, e.g. {@code model=m1, temperature=0.2 · run 2/3 (model_comparison_v1__3)}) and its
 * observations file.
 */
@API(status = STABLE, since = "0.1")
public class ExperimentResultAssert extends AbstractAssert<ExperimentResultAssert, ExperimentResult> {

    public ExperimentResultAssert(ExperimentResult actual) {
        super(actual, ExperimentResultAssert.class);
    }

    /** One metric over this experiment's rows; fails if the experiment does not measure it. */
    public MetricSummaryAssert metric(String name) {
        isNotNull();
        MetricSummary summary = actual.metrics().get(name);
        if (summary == null) {
            failWithMessage("Expected [%s] to be measured, but the experiment measures %s; %s", name,
                    actual.metricNames(), context());
        }
        MetricSummaryAssert metric = new MetricSummaryAssert(summary, context());
        // Carries as(...), given on the experiment, over to where the failure happens.
        return info.hasDescription() ? metric.as(info.description()) : metric;
    }

    private String context() {
        int rows = actual.rows().size();
        // Its display name tells the experiment apart and gives its run; a result read back from files has none.
        String which = actual.displayName().equals(actual.name()) ? actual.name() + "] (model [" + actual.modelName()
                + "], run " + (actual.repeatIndex() + 1) + "/" + actual.repeatCount() + ")" : actual.description() + "]";
        return "experiment [" + which + " over " + rows + (rows == 1 ? " row" : " rows")
                + (actual.reportDirectory() == null ? "" : "; observations: " + actual.reportDirectory().resolve(ObservationsFile.NAME));
    }

    /** Assertions on one metric of one experiment. */
    public static class MetricSummaryAssert extends AbstractAssert<MetricSummaryAssert, MetricSummary> {
        private final String context;

        MetricSummaryAssert(MetricSummary actual, String context) {
            super(actual, MetricSummaryAssert.class);
            this.context = context;
        }

        /** {@code mean}: mean of the rows' scores; {@code null} when no row has one. */
        public StatisticAssert mean() {
            return figure(actual.mean(), "mean", "no row has a score");
        }

        /** {@code support}: rows with a score. */
        public StatisticAssert support() {
            return figure((double) actual.support(), "support", "");
        }

        /** {@code failure_rate}: share of rows without a score. */
        public StatisticAssert failureRate() {
            return figure(actual.failureRate(), "failure_rate", "the experiment has no rows");
        }

        private StatisticAssert figure(Double value, String name, String whyNull) {
            StatisticAssert figure = new StatisticAssert(value, actual.metric() + " " + name, context, whyNull);
            return info.hasDescription() ? figure.as(info.description()) : figure;
        }
    }
}
