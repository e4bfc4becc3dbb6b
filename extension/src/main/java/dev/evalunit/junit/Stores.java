package dev.evalunit.junit;

import dev.evalunit.api.result.PairwiseResult;
import dev.evalunit.cache.ModelCache;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretProperties;
import dev.evalunit.http.Backoff;
import dev.evalunit.model.ModelClients;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** What evalunit keeps in JUnit's {@link ExtensionContext.Store}, and where. */
final class Stores {

    private static final Namespace NAMESPACE = Namespace.create("dev.evalunit");

    private Stores() {
    }

    /**
     * One HTTP client pool for the whole run, closed by JUnit when the run ends. Its clients go
     * through the response cache that the run's configuration describes.
     */
    static ModelClients modelClients(ExtensionContext context) {
        // Again here, before any key is read: a launcher may have opened no session (SecretPropertiesListener).
        SecretProperties.scrubSystemProperties();
        return StoreValues.resource(context.getRoot().getStore(NAMESPACE), ModelClients.class,
                type -> new ModelClients(Backoff.standard(),
                        ModelCache.from(new EvalConfig(context::getConfigurationParameter))),
                ModelClients.class);
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
