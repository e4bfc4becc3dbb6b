package dev.evalunit.junit;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.ExperimentSetResults;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.PairwiseTournament;
import dev.evalunit.api.TournamentResults;
import dev.evalunit.api.pairwise.TournamentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.spi.EvalUnitEngine;
import dev.evalunit.experiment.spec.ExperimentSetSpec;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The engine behind {@link dev.evalunit.api.EvalUnitFacade}: expands each evalunit annotation into invocations. */
@API(status = INTERNAL, since = "0.1")
public final class EvalUnitEngineImpl implements EvalUnitEngine {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod()
                .map(m -> AnnotationSupport.isAnnotated(m, PairwiseEval.class) || AnnotationSupport.isAnnotated(m, ExperimentSet.class)
                        || AnnotationSupport.isAnnotated(m, PairwiseTournament.class))
                .orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        var pairwise = AnnotationSupport.findAnnotation(method, PairwiseEval.class);
        if (pairwise.isPresent()) {
            // One evaluation is one invocation: the method asserts on its aggregate result.
            return Stream.of(new PairwiseInvocationContext(pairwise.get()));
        }
        if (AnnotationSupport.isAnnotated(method, PairwiseTournament.class)) {
            // One invocation per pairing; the tournament as a whole is injected with @TournamentResults.
            return TournamentInvocations.of(context);
        }
        return ExperimentSetInvocations.of(context);
    }

    /**
     * In a sharded run, a set-level test (one taking {@link ExperimentSetResults}) is aborted like the set's
     * experiments, and a test taking {@link TournamentResults} in every shard but the first (which runs the
     * tournament whole), before their parameters are resolved: an exception from a parameter resolver would fail it.
     */
    @Override
    public void beforeTestExecution(ExtensionContext context) {
        for (java.lang.reflect.Parameter parameter : context.getRequiredTestMethod().getParameters()) {
            TournamentResults tournament = parameter.getAnnotation(TournamentResults.class);
            if (tournament != null && parameter.getType() == TournamentResult.class) {
                ShardGates.skipTournamentUnlessFirst(tournament.value(), Stores.runtime(context).shard());
            }
            ExperimentSetResults set = parameter.getAnnotation(ExperimentSetResults.class);
            if (set != null && parameter.getType() == ExperimentSetResult.class && Stores.runtime(context).shard().isPartial()) {
                ExperimentSetSpec spec = ExperimentSetDeclarations.named(set.value(), context);
                SharedExperimentSets.runOf(spec, context);
                SharedExperimentSets.skipIfShard(spec, context);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return parameterContext.isAnnotated(ExperimentSetResults.class) && type == ExperimentSetResult.class
                || parameterContext.isAnnotated(TournamentResults.class) && type == TournamentResult.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.isAnnotated(TournamentResults.class)) {
            String name = parameterContext.findAnnotation(TournamentResults.class).orElseThrow().value();
            return SharedTournaments.named(name, extensionContext).result(extensionContext);
        }
        String name = parameterContext.findAnnotation(ExperimentSetResults.class).orElseThrow().value();
        return SharedExperimentSets.resultOf(ExperimentSetDeclarations.named(name, extensionContext), extensionContext);
    }
}
