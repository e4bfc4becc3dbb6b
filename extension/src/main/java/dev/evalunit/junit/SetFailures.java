package dev.evalunit.junit;

import dev.evalunit.config.ConfigurationException;
import java.util.Arrays;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.opentest4j.TestAbortedException;

/**
 * A failure that concerns a whole experiment set (its declaration cannot be read, it cannot be planned),
 * reported once: the first test or container that needs the set fails with it; every later one is aborted
 * with a one-line reference to where it was reported, rather than repeating it and its trace.
 */
final class SetFailures {

    /** Frames kept of a configuration error: where evalunit found the mistake does not help the user fix it. */
    static final int SHORT_TRACE = 3;

    private static final Namespace NAMESPACE = Namespace.create("dev.evalunit", "set-failures");

    private SetFailures() {
    }

    /**
     * What {@code context} throws for {@code failure}: the failure itself (a configuration error with a
     * {@value #SHORT_TRACE}-frame trace) where it is first reported, else a {@link TestAbortedException}.
     *
     * @param key the same for every report of one failure, e.g. the set's source and name
     * @param subject what could not run, for the reference, e.g. {@code experiment set [grid]}
     */
    static RuntimeException report(String key, String subject, RuntimeException failure, ExtensionContext context) {
        Report here = new Report(context.getUniqueId(), where(context));
        Report first = StoreValues.computeIfAbsent(context.getRoot().getStore(NAMESPACE), key, k -> here, Report.class);
        if (first.uniqueId().equals(here.uniqueId())) {
            if (failure instanceof ConfigurationException) {
                shorten(failure);
            }
            return failure;
        }
        return new TestAbortedException("Not run: " + subject + " failed"
                + (failure instanceof ConfigurationException ? " with a configuration error" : "")
                + ", reported once on [" + first.where() + "].");
    }

    /** {@code eachExperiment(ExperimentResult) › model=m1 · run 1/3} for an experiment, else the display name. */
    private static String where(ExtensionContext context) {
        return context.getParent().filter(parent -> parent.getTestMethod().isPresent())
                .map(parent -> parent.getDisplayName() + " › ").orElse("") + context.getDisplayName();
    }

    private static void shorten(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            StackTraceElement[] trace = t.getStackTrace();
            t.setStackTrace(Arrays.copyOf(trace, Math.min(trace.length, SHORT_TRACE)));
        }
    }

    private record Report(String uniqueId, String where) {
    }
}
