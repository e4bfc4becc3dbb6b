package dev.evalunit.junit;

import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.cache.CacheCounts;
import dev.evalunit.cost.UsageFields;
import dev.evalunit.execution.ConsoleProgress;
import dev.evalunit.execution.Progress;
import dev.evalunit.execution.ReportDirectories;
import dev.evalunit.pairwise.MethodBinder;
import dev.evalunit.pairwise.PairwisePlan;
import dev.evalunit.pairwise.PairwisePlanner;
import dev.evalunit.pairwise.PairwiseReports;
import dev.evalunit.pairwise.PairwiseRunner;
import dev.evalunit.pairwise.PairwiseShards;
import dev.evalunit.pairwise.PairwiseSpec;
import dev.evalunit.runsummary.RunEntry;
import dev.evalunit.runtime.EvalRuntime;
import dev.evalunit.shard.Shard;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One pairwise evaluation, however it was declared (an annotation, a spec file): planned, run, its files
 * written and published to its test, and recorded in the run summary. The caller holds the result to
 * the error budget once it has kept it.
 */
final class PairwiseEvaluations {

    /** Where a test publishes what its evaluation wrote: report entries, and (when it can) the files. */
    interface Publisher {
        void entries(Map<String, String> entries);

        void files(PairwiseResult result, List<Path> files);
    }

    private PairwiseEvaluations() {
    }

    /** @param uniqueId the test's unique id, whose outcome the run summary shows */
    static PairwiseResult run(EvalRuntime runtime, PairwiseSpec spec, MethodBinder methods, String uniqueId,
                              Publisher publisher) {
        CacheCounts counts = runtime.newCacheCounts();
        PairwisePlanner planner = new PairwisePlanner(runtime.config(), runtime.datasets(), runtime.clients(counts),
                runtime.secrets(), methods);
        PairwisePlan whole = planner.plan(spec);
        Shard shard = runtime.shard();
        PairwisePlan plan = shard.isPartial() ? PairwiseShards.select(whole, shard) : whole;
        PairwiseResult result;
        Progress progress = new Progress(plan.name(), plan.dataset().size(), counts);
        try (ConsoleProgress console = ConsoleProgress.start(progress)) {
            result = new PairwiseRunner(runtime.workers(), runtime.callPhases()).run(plan, progress);
        }
        CacheReport.print(publisher::entries, result.name(), counts);
        result = result.withUsage(UsageFields.of(counts.tokens(), runtime.prices()).usage());
        List<Path> files = PairwiseReports.write(result, UsageFields.asMap(result.usage(), counts.callFields()), shard.isPartial()
                ? PairwiseShards.manifest(whole, plan, result, shard, runtime.budget().share()) : null);
        Path judgments = result.judgmentsFile();
        System.out.println("[evalunit] " + result.name() + ": " + result.judgments().size() + " judgments written to " + judgments);
        publisher.entries(Map.of("evalunit.judgments", judgments.toString()));
        publisher.files(result, files);
        Path root = ReportDirectories.root(runtime.config());
        RunEntry entry = RunEntry.of(result, root, result.usage().figure());
        RunSummaryListener.record(root, uniqueId, shard.isPartial() ? entry.inShard(shard.label()) : entry);
        if (shard.isPartial()) {
            ShardGates.abort(ShardGates.announce(result.name(), shard, plan.dataset().size(), whole.dataset().size(),
                    "examples"));
        }
        // After the files are written and published, so that the failure points at judgments one can read.
        counts.spending().check(result.name());
        return result;
    }
}
