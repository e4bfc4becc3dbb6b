package dev.evalunit.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.spi.ModelUnusableException;
import dev.evalunit.budget.EvaluationInfrastructureException;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What running a set gave: its result, and the experiments that stopped because a model they use
 * cannot work ({@link ModelUnusableException}). A stopped experiment's rows are in the result as
 * failures, but its figures must not be read: {@link #checkNotStopped} fails its test instead.
 *
 * @param result every experiment, stopped ones included
 * @param stopped by experiment index, why the experiment stopped
 */
@API(status = INTERNAL, since = "0.1")
public record ExperimentSetRun(ExperimentSetResult result, Map<Integer, String> stopped) {

    public ExperimentSetRun {
        stopped = Map.copyOf(stopped);
    }

    /**
     * @throws EvaluationInfrastructureException naming the experiment, its set and why it stopped, when
     *     experiment {@code index} stopped
     */
    public void checkNotStopped(int index) {
        String reason = stopped.get(index);
        if (reason != null) {
            ExperimentResult experiment = result.experiments().get(index);
            throw new EvaluationInfrastructureException("experiment [" + experiment.name() + "] of set ["
                    + experiment.setName() + "] stopped: " + reason);
        }
    }
}
