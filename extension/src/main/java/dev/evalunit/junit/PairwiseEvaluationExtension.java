package dev.evalunit.junit;

import dev.evalunit.api.Model;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.pairwise.AnnotationSpecs;
import dev.evalunit.pairwise.PairwiseSpec;
import dev.evalunit.runtime.EvalRuntime;
import dev.evalunit.shard.Shard;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        PairwiseResult result = PairwiseEvaluations.run(runtime, spec, new TestMethodBinder(context), context.getUniqueId(),
                new PairwiseEvaluations.Publisher() {
                    @Override
                    public void entries(Map<String, String> entries) {
                        context.publishReportEntry(entries);
                    }

                    @Override
                    public void files(PairwiseResult result, List<Path> files) {
                        FileAttachments.publishAll(context, files, result.name(), result.reportDirectory());
                    }
                });
        Stores.putResult(context, result);
        // After the files are written and attached, so that the failure points at judgments one can read.
        runtime.budget().check(result);
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
