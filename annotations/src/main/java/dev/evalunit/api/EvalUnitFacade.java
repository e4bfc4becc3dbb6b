package dev.evalunit.api;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.EvalUnitEngine;
import dev.evalunit.internal.JupiterVersion;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The extension named by evalunit's annotations.
 *
 * <p>Why a facade: an annotation must name its extension class, but this module cannot depend on
 * the engine ({@code evalunit-extension} depends on it). So the annotations name this small class,
 * which finds the engine with {@link ServiceLoader} and fails with a clear message when the engine
 * is not on the test class path (the pattern jqwik uses).
 */
@API(status = INTERNAL, since = "0.1")
public final class EvalUnitFacade implements TestTemplateInvocationContextProvider, ParameterResolver,
        BeforeTestExecutionCallback {

    static final String MISSING_ENGINE = "Configuration error: evalunit-extension is not on the test class path."
            + " Add the test-scoped dependency dev.evalunit:evalunit-extension.";

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return engine().supportsTestTemplate(context);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return engine().provideTestTemplateInvocationContexts(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return engine().supportsParameter(parameterContext, extensionContext);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return engine().resolveParameter(parameterContext, extensionContext);
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) throws Exception {
        engine().beforeTestExecution(context);
    }

    private static EvalUnitEngine engine() {
        // First: on a Jupiter older than the supported range, the engine would fail with a linkage error.
        JupiterVersion.requireSupported();
        return EngineHolder.ENGINE.orElseThrow(() -> new ExtensionConfigurationException(MISSING_ENGINE));
    }

    /**
     * Looked up once, on first use. It holds an Optional rather than throwing: an exception in a
     * static initializer would surface as ExceptionInInitializerError, then NoClassDefFoundError,
     * hiding the message on every test after the first.
     */
    private static final class EngineHolder {
        static final Optional<EvalUnitEngine> ENGINE = load();

        private static Optional<EvalUnitEngine> load() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = EvalUnitFacade.class.getClassLoader();
            }
            return ServiceLoader.load(EvalUnitEngine.class, loader).findFirst();
        }
    }
}
