package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.MetricObservation;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Scores one row of an experiment. Implementations are thread safe and never throw for a row's
 * failure: they return {@link MetricObservation#failed} with the reason instead.
 *
 * <p>Metrics are found with {@link java.util.ServiceLoader}: a metric is a public class with a public
 * no-argument constructor, listed on a line of {@code META-INF/services/dev.evalunit.api.spi.Metric}.
 * The engine registers its own metrics this way, and a test source folder can add its own. An experiment
 * set names a metric by {@link MetricDescriptor#name()}; the descriptor also gives its direction
 * ({@link MetricDescriptor#higherIsBetter()}, which rankings follow) and the columns it reads (checked
 * before any model call). Two metrics with one name are a configuration error.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Metric {

    /** The metric's name, direction, scale, required columns and whether it calls the judge model. */
    MetricDescriptor descriptor();

    /** Scores one row; a row's failure is a {@link MetricObservation#failed} observation, never an exception. */
    MetricObservation observe(MetricInput input);

    /**
     * The parameters an experiment set may give this metric, e.g. {@code prompt} for {@code judge_adhoc};
     * any other parameter is a configuration error. None by default.
     */
    default Set<String> parameters() {
        return Set.of();
    }

    /**
     * This metric as one entry of an experiment set configures it, called once per entry before any
     * model call, with only the keys of {@link #parameters()} (possibly none). Returns {@code this} by
     * default. A bad value is an {@link IllegalArgumentException} whose message says what is wrong; the
     * engine reports it as a configuration error of this metric.
     */
    default Metric withParameters(Map<String, Object> parameters) {
        return this;
    }
}
