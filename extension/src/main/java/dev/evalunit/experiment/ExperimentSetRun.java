package dev.evalunit.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.spi.ModelUnusableException;
import dev.evalunit.budget.EvaluationInfrastructureException;
import dev.evalunit.cost.TokenCounts;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What running a set gave: its result, and the experiments that stopped because a model they use
 * cannot work ({@link ModelUnusableException}). A stopped experiment's rows are in the result as
 * failures, but its figures must not be read: {@link #checkNotStopped} fails its test instead.
 *
 * @param result every experiment, stopped ones included
 * @param stopped by experiment index, why the experiment stopped
 * @param tokens by experiment index, the tokens of the replies its rows received (the set's own counts are the
 *     caller's): what its {@code summary.json} gives
 */
@API(status = INTERNAL, since = "0.1")
public record ExperimentSetRun(ExperimentSetResult result, Map<Integer, String> stopped, List<TokenCounts> tokens) {

    public ExperimentSetRun {
        stopped = Map.copyOf(stopped);
        tokens = List.copyOf(tokens);
    }

    /** The same run with {@code result} in place of its own (e.g. with the set's usage). */
    public ExperimentSetRun withResult(ExperimentSetResult result) {
        return new ExperimentSetRun(result, stopped, tokens);
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
