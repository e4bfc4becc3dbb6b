package dev.evalunit.testing;

import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.execution.Workers;
import dev.evalunit.experiment.ExperimentSetPlan;
import dev.evalunit.experiment.ExperimentSetRunner;
import dev.evalunit.pairwise.PairwisePlan;
import dev.evalunit.pairwise.PairwiseRunner;
import java.util.concurrent.ExecutorService;

/**
 * Runs a plan outside JUnit, on a worker pool of the plan's own concurrency, as the run's shared
 * workers would (the engine's runtime sizes them from the same {@code evalunit.concurrency}).
 */
public final class Runs {

    private Runs() {
    }

    public static PairwiseResult pairwise(PairwisePlan plan) {
        ExecutorService workers = Workers.pool(plan.concurrency(), "test-worker-");
        try {
            return new PairwiseRunner(workers).run(plan);
        } finally {
            workers.shutdownNow();
        }
    }

    public static ExperimentSetResult experimentSet(ExperimentSetPlan plan) {
        ExecutorService workers = Workers.pool(plan.concurrency(), "test-worker-");
        try {
            return new ExperimentSetRunner(workers).run(plan).result();
        } finally {
            workers.shutdownNow();
        }
    }
}
