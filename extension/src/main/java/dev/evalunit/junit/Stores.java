package dev.evalunit.junit;

import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.config.SecretProperties;
import dev.evalunit.runtime.EvalRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** What evalunit keeps in JUnit's {@link ExtensionContext.Store}, and where. */
final class Stores {

    private static final Namespace NAMESPACE = Namespace.create("dev.evalunit");

    private Stores() {
    }

    /**
     * The run's {@link EvalRuntime}: built when the first evaluation needs it, from the run's
     * configuration, and closed by JUnit when the run ends. Its class loader, for datasets, plug-ins and
     * test resources, is the thread's context class loader (the test class path under Surefire, Gradle
     * and IDEs), else evalunit's own.
     */
    static EvalRuntime runtime(ExtensionContext context) {
        // Again here, before any key is read: a launcher may have opened no session (SecretPropertiesListener).
        SecretProperties.scrubSystemProperties();
        // Unknown keys first: a misspelt key must never be read as its default.
        ConfiguredKeys.check(context);
        ExtensionContext root = context.getRoot();
        return StoreValues.resource(root.getStore(NAMESPACE), EvalRuntime.class,
                type -> EvalRuntime.start(ConfiguredKeys.config(root), testClassLoader(),
                        Path.of("").toAbsolutePath()),
                EvalRuntime.class);
    }

    private static ClassLoader testClassLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : Stores.class.getClassLoader();
    }

    static void putResult(ExtensionContext context, PairwiseResult result) {
        context.getStore(NAMESPACE).put(PairwiseResult.class, result);
    }

    static PairwiseResult result(ExtensionContext context) {
        PairwiseResult result = context.getStore(NAMESPACE).get(PairwiseResult.class, PairwiseResult.class);
        if (result == null) {
            throw new ParameterResolutionException("No PairwiseResult: the evaluation did not run for "
                    + context.getDisplayName() + ".");
        }
        return result;
    }
}
