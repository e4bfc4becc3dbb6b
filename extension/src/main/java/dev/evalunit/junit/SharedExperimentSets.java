package dev.evalunit.junit;

import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.experiment.ExperimentSetRun;
import dev.evalunit.experiment.spec.ExperimentSetSpec;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Runs each experiment set at most once per test run, whichever test needs it first (an experiment's
 * invocation or an {@code @ExperimentSetResults} parameter), and shares the outcome — the result
 * or the error — through the root {@link ExtensionContext.Store}. The error is reported once ({@link SetFailures}).
 */
final class SharedExperimentSets {

    private static final Namespace NAMESPACE = Namespace.create("dev.evalunit", "experiment-sets");

    private SharedExperimentSets() {
    }

    static ExperimentSetResult resultOf(ExperimentSetSpec spec, ExtensionContext context) {
        return runOf(spec, context).result();
    }

    /** The set's result and the experiments that stopped. */
    static ExperimentSetRun runOf(ExperimentSetSpec spec, ExtensionContext context) {
        Outcome outcome = outcome(spec, context);
        if (outcome.failure() != null) {
            throw SetFailures.report(key(spec), "experiment set [" + spec.name() + "]", outcome.failure(), context);
        }
        return outcome.result();
    }

    /**
     * In a sharded run, ends the calling test as aborted: the set's gates are applied by the merge. Call it
     * after {@link #runOf} and the checks a shard still makes (a stopped experiment fails its test).
     */
    static void skipIfShard(ExperimentSetSpec spec, ExtensionContext context) {
        String reason = outcome(spec, context).shardSkip();
        if (reason != null) {
            ShardGates.abort(reason);
        }
    }

    /** The set's run, once per test run, whichever test asks first. */
    private static Outcome outcome(ExperimentSetSpec spec, ExtensionContext context) {
        return StoreValues.computeIfAbsent(context.getRoot().getStore(NAMESPACE), key(spec),
                k -> Outcome.of(() -> run(spec, context)), Outcome.class);
    }

    private static String key(ExperimentSetSpec spec) {
        return spec.source() + "#" + spec.name();
    }

    private static ExperimentSetEvaluations.Ran run(ExperimentSetSpec spec, ExtensionContext context) {
        // The set's row is gated by all its experiments: the tests under the template, when a template ran it.
        String gate = context.getParent().filter(parent -> parent.getTestMethod().isPresent())
                .map(ExtensionContext::getUniqueId).orElse(context.getUniqueId());
        return ExperimentSetEvaluations.run(Stores.runtime(context), spec, new TestMethodBinder(context), gate,
                context::publishReportEntry,
                // The set's own files go to the test that ran it (the first experiment's, or a set-level test's):
                // once, not a copy per experiment.
                (result, files) -> FileAttachments.publishAll(context, files, "experiment set " + result.name(),
                        result.reportDirectory()));
    }

    /** A set's run, or the exception that prevented it: every test that needs the set sees the same. */
    private record Outcome(ExperimentSetRun result, RuntimeException failure, String shardSkip) {
        static Outcome of(java.util.function.Supplier<ExperimentSetEvaluations.Ran> run) {
            try {
                ExperimentSetEvaluations.Ran ran = run.get();
                return new Outcome(ran.run(), null, ran.shardSkip());
            } catch (RuntimeException e) {
                return new Outcome(null, e, null);
            }
        }
    }
}
