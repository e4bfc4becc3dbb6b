package dev.evalunit.junit;

import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.spi.EvalUnitEngine;
import java.lang.reflect.Method;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The engine behind {@link dev.evalunit.api.EvalUnitFacade}: expands each evalunit annotation into invocations. */
public final class EvalUnitEngineImpl implements EvalUnitEngine {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, PairwiseEval.class)).orElse(false);
    }

    @Override
    public Stream<? extends TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        PairwiseEval eval = AnnotationSupport.findAnnotation(method, PairwiseEval.class).orElseThrow();
        // One evaluation is one invocation: the method asserts on its aggregate result.
        return Stream.of(new PairwiseInvocationContext(eval));
    }
}
