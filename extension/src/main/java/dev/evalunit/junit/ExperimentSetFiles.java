package dev.evalunit.junit;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.experiment.ExperimentSetRun;
import dev.evalunit.pairwise.MethodBinder;
import dev.evalunit.runtime.EvalRuntime;
import dev.evalunit.specfiles.Gate;
import java.util.List;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.TestAbortedException;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * Runs an experiment-set file's tests: the set once, then each experiment's test as
 * {@code @ExperimentSet}'s invocations hold it (stopped, error budget, empty metrics), then the set's test.
 */
final class ExperimentSetFiles {

    private ExperimentSetFiles() {
    }

    /**
     * @param gates the run's own gates ({@code evalunit run --gate}), checked after the file's on each experiment
     *     that measures their metric
     * @throws RuntimeException when the set cannot run at all; {@link #failAll} then reports it on each test
     */
    static void execute(ExperimentSetFileDescriptor file, EvalRuntime runtime, EngineExecutionListener listener,
                        List<Gate> gates) {
        if (file.invalid() != null) {
            throw file.invalid();
        }
        ExperimentSetEvaluations.Ran ran = ExperimentSetEvaluations.run(runtime, file.spec(), MethodBinder.NONE,
                file.getUniqueId().toString(), entries -> listener.reportingEntryPublished(file, ReportEntry.from(entries)),
                (result, files) -> { });
        ExperimentSetRun run = ran.run();
        for (TestDescriptor child : file.getChildren()) {
            int index = ((ExperimentSetFileDescriptor.Child) child).index();
            listener.executionStarted(child);
            try {
                ExperimentResult own = index >= 0 ? run.result().experiments().get(index) : null;
                if (own != null) {
                    listener.reportingEntryPublished(child, ReportEntry.from(ExperimentSetInvocations.REPORT_ENTRY,
                            own.reportDirectory().toString()));
                    run.checkNotStopped(index);
                }
                if (ran.shardSkip() != null) {
                    // A shard: a stopped experiment still fails above; the gates are the merge's.
                    ShardGates.abort(ran.shardSkip());
                }
                if (own != null) {
                    runtime.budget().check(own);
                    runtime.emptyMetrics().check(own);
                    file.gates().forEach(gate -> gate.check(own));
                    gates.stream().filter(gate -> gate.appliesTo(own.metrics().keySet())).forEach(gate -> gate.check(own));
                }
                listener.executionFinished(child, TestExecutionResult.successful());
            } catch (TestAbortedException e) {
                listener.executionFinished(child, TestExecutionResult.aborted(e));
            } catch (Throwable e) {
                listener.executionFinished(child, TestExecutionResult.failed(e));
            }
        }
    }

    /** Every test of the file fails with {@code failure}: the set could not run. */
    static void failAll(TestDescriptor file, Throwable failure, EngineExecutionListener listener) {
        for (TestDescriptor child : file.getChildren()) {
            listener.executionStarted(child);
            listener.executionFinished(child, TestExecutionResult.failed(failure));
        }
    }
}
