package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The engine behind {@link dev.evalunit.api.EvalUnitFacade}, found with {@link java.util.ServiceLoader}.
 * {@code evalunit-extension} provides the one implementation; users do not implement it.
 */
@API(status = INTERNAL, since = "0.1")
public interface EvalUnitEngine extends TestTemplateInvocationContextProvider, ParameterResolver,
        BeforeTestExecutionCallback {

    /**
     * Runs before a test that uses the facade, ahead of its parameters' resolution: where the engine may end the
     * test as aborted (a sharded run's set-level test). Does nothing by default.
     */
    @Override
    default void beforeTestExecution(ExtensionContext context) throws Exception {
    }
}
