package dev.evalunit.api.spi;

import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The engine behind {@link dev.evalunit.api.EvalUnitFacade}, found with {@link java.util.ServiceLoader}.
 * {@code evalunit-extension} provides the one implementation; users do not implement it.
 */
public interface EvalUnitEngine extends TestTemplateInvocationContextProvider, ParameterResolver {
}
