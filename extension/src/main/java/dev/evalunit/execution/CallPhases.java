package dev.evalunit.execution;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * What runs before an evaluation's examples do: in batch execution, the passes that collect the
 * calls the response cache cannot answer and send them through the providers' batch APIs, so that
 * the evaluation itself then finds every reply in the cache. Live execution does nothing here.
 */
@FunctionalInterface
@API(status = INTERNAL, since = "0.1")
public interface CallPhases {

    /** Live execution: every call is made when the evaluation makes it. */
    CallPhases LIVE = (evaluation, collectPass) -> { };

    /**
     * @param evaluation the evaluation's name, for what is printed
     * @param collectPass runs every example of the evaluation once on the calling thread, its results
     *     discarded; it may run several times (one per phase: generation, then judging)
     */
    void prepare(String evaluation, Runnable collectPass);
}
