package dev.evalunit.api.spi;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.MetricObservation;

/**
 * Scores one row of an experiment. Implementations are thread safe and never throw for a row's
 * failure: they return {@link MetricObservation#failed} with the reason instead.
 */
public interface Metric {

    MetricDescriptor descriptor();

    MetricObservation observe(MetricInput input);
}
