package dev.evalunit.junit;

import dev.evalunit.api.Model;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.cache.CacheCounts;
import dev.evalunit.execution.ConsoleProgress;
import dev.evalunit.execution.Progress;
import dev.evalunit.execution.ReportDirectories;
import dev.evalunit.pairwise.AnnotationSpecs;
import dev.evalunit.pairwise.PairwisePlan;
import dev.evalunit.pairwise.PairwisePlanner;
import dev.evalunit.pairwise.PairwiseReports;
import dev.evalunit.pairwise.PairwiseRunner;
import dev.evalunit.pairwise.PairwiseShards;
import dev.evalunit.pairwise.PairwiseSpec;
import dev.evalunit.runsummary.RunEntry;
import dev.evalunit.runtime.EvalRuntime;
import dev.evalunit.shard.Shard;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs the evaluation right before the method (so that a configuration error fails this test,
 * with its own message), writes and publishes its files, holds it to its error budget, and injects
 * the {@link PairwiseResult}. An evaluation over its budget fails before the method runs: its
 * thresholds would be checked on figures the failed calls have made meaningless.
 */
final class PairwiseEvaluationExtension implements BeforeTestExecutionCallback, ParameterResolver {

    private final PairwiseEval eval;

    PairwiseEvaluationExtension(PairwiseEval eval) {
        this.eval = eval;
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) throws Exception {
        // First: the run's configuration, checked for unknown keys, and what it sets up.
        EvalRuntime runtime = Stores.runtime(context);
        Method method = context.getRequiredTestMethod();
        PairwiseSpec spec = AnnotationSpecs.from(eval,
                method.getDeclaringClass().getSimpleName() + "." + method.getName(), inlineModels(context));
        CacheCounts counts = runtime.newCacheCounts();
        PairwisePlanner planner = new PairwisePlanner(runtime.config(), runtime.datasets(), runtime.clients(counts),
                runtime.secrets(), new TestMethodBinder(context));
        PairwisePlan whole = planner.plan(spec);
        Shard shard = runtime.shard();
        PairwisePlan plan = shard.isPartial() ? PairwiseShards.select(whole, shard) : whole;
        PairwiseResult result;
        Progress progress = new Progress(plan.name(), plan.dataset().size(), counts);
        try (ConsoleProgress console = ConsoleProgress.start(progress)) {
            result = new PairwiseRunner(runtime.workers()).run(plan, progress);
        }
        Stores.putResult(context, result);
        CacheReport.print(context, result.name(), counts);
        List<Path> files = PairwiseReports.write(result, shard.isPartial()
                ? PairwiseShards.manifest(whole, plan, result, shard, runtime.budget().share()) : null);
        publish(context, result, files);
        Path root = ReportDirectories.root(runtime.config());
        RunEntry entry = RunEntry.of(result, root);
        RunSummaryListener.record(root, context.getUniqueId(), shard.isPartial() ? entry.inShard(shard.label()) : entry);
        if (shard.isPartial()) {
            ShardGates.abort(ShardGates.announce(result.name(), shard, plan.dataset().size(), whole.dataset().size(),
                    "examples"));
        }
        // After the files are written and attached, so that the failure points at judgments one can read.
        runtime.budget().check(result);
    }

    private static void publish(ExtensionContext context, PairwiseResult result, List<Path> files) {
        Path judgments = result.judgmentsFile();
        System.out.println("[evalunit] " + result.name() + ": " + result.judgments().size() + " judgments written to " + judgments);
        context.publishReportEntry("evalunit.judgments", judgments.toString());
        FileAttachments.publishAll(context, files, result.name(), result.reportDirectory());
    }

    private static List<Model> inlineModels(ExtensionContext context) {
        List<Model> models = new ArrayList<>();
        context.getTestMethod().ifPresent(m -> models.addAll(AnnotationSupport.findRepeatableAnnotations(m, Model.class)));
        context.getTestClass().ifPresent(c -> models.addAll(AnnotationSupport.findRepeatableAnnotations(c, Model.class)));
        return models;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == PairwiseResult.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return Stores.result(extensionContext);
    }
}
