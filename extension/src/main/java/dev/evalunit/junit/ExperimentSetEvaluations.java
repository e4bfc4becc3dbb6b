package dev.evalunit.junit;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.cache.CacheCounts;
import dev.evalunit.cost.UsageFields;
import dev.evalunit.execution.ConsoleProgress;
import dev.evalunit.execution.Progress;
import dev.evalunit.execution.ReportDirectories;
import dev.evalunit.experiment.ExperimentPlanner;
import dev.evalunit.experiment.ExperimentReports;
import dev.evalunit.experiment.ExperimentSetPlan;
import dev.evalunit.experiment.ExperimentSetRun;
import dev.evalunit.experiment.ExperimentSetRunner;
import dev.evalunit.experiment.ExperimentShards;
import dev.evalunit.experiment.spec.ExperimentSetSpec;
import dev.evalunit.pairwise.MethodBinder;
import dev.evalunit.runsummary.RunEntry;
import dev.evalunit.runtime.EvalRuntime;
import dev.evalunit.shard.Shard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One experiment set, however it was declared (an annotation, a spec file): planned, run, its files
 * written and published, and recorded in the run summary, gated by the tests under {@code gateUniqueId}.
 */
final class ExperimentSetEvaluations {

    private ExperimentSetEvaluations() {
    }

    /**
     * @param entries takes the report entries of the test that ran the set
     * @param files takes the set's files, to attach to that test where the launcher can
     */
    static Ran run(EvalRuntime runtime, ExperimentSetSpec spec, MethodBinder methods, String gateUniqueId,
                                Consumer<Map<String, String>> entries, BiConsumer<ExperimentSetResult, List<Path>> files) {
        CacheCounts counts = runtime.newCacheCounts();
        ExperimentPlanner planner = new ExperimentPlanner(runtime.config(), runtime.datasets(), runtime.metrics(),
                runtime.clients(counts), runtime.secrets(), methods);
        ExperimentSetPlan plan = planner.plan(spec);
        ExperimentSetRun run;
        Shard shard = runtime.shard();
        long rows = ExperimentShards.rowCount(plan, shard);
        Progress progress = new Progress("experiment set " + plan.name(), rows, counts);
        try (ConsoleProgress console = ConsoleProgress.start(progress)) {
            run = new ExperimentSetRunner(runtime.workers(), runtime.callPhases(), shard).run(plan, progress);
        }
        CacheReport.print(entries, "experiment set " + run.result().name(), counts);
        run = run.withResult(counted(run, counts, runtime));
        ExperimentSetResult result = run.result();
        List<Path> written = ExperimentReports.write(result, UsageFields.asMap(result.usage(), counts.callFields()),
                shard.isPartial() ? ExperimentShards.manifest(plan, shard, runtime.budget().share()) : null);
        int experiments = result.experiments().size();
        System.out.println("[evalunit] experiment set " + result.name() + ": " + experiments
                + (experiments == 1 ? " experiment" : " experiments") + ", summary written to " + written.get(0));
        files.accept(result, written);
        Path root = ReportDirectories.root(runtime.config());
        RunEntry entry = RunEntry.of(result, root, result.usage().figure());
        RunSummaryListener.record(root, gateUniqueId, shard.isPartial() ? entry.inShard(shard.label()) : entry);
        String shardSkip = shard.isPartial() ? ShardGates.announce("experiment set " + result.name(), shard, rows,
                ExperimentShards.rowCount(plan, Shard.WHOLE), "rows") : null;
        counts.spending().check("experiment set " + result.name());
        return new Ran(run, shardSkip);
    }

    /** The set's result with its tokens and cost, and each experiment's with those of its own rows' replies. */
    private static ExperimentSetResult counted(ExperimentSetRun run, CacheCounts counts, EvalRuntime runtime) {
        ExperimentSetResult set = run.result();
        List<ExperimentResult> experiments = new ArrayList<>();
        for (int e = 0; e < set.experiments().size(); e++) {
            experiments.add(set.experiments().get(e).withUsage(UsageFields.of(run.tokens().get(e), runtime.prices()).usage()));
        }
        return new ExperimentSetResult(set.name(), set.readme(), experiments, set.configurations(), set.rankings(),
                set.reportDirectory(), UsageFields.of(counts.tokens(), runtime.prices()).usage());
    }

    /**
     * @param shardSkip in a sharded run, why the set's tests end as aborted once the checks a shard still makes
     *     have passed (a stopped experiment fails its test); {@code null} in a whole run
     */
    record Ran(ExperimentSetRun run, String shardSkip) {
    }
}
