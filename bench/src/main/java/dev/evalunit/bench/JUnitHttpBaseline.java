package dev.evalunit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The measured JVM of {@code --junit-baseline}: {@link HttpBaseline}'s calls, made from inside one plain JUnit test
 * ({@link Calls}) that the JUnit Platform Launcher runs as it runs the evaluation, on the same class path. Between
 * OkHttp alone and evalunit it shows what being a JUnit test costs by itself: the launcher, discovery, the engines,
 * and the code they bring to compile. Arguments as {@link HttpBaseline}'s.
 */
public final class JUnitHttpBaseline {

    /** The run's arguments, for the test to read: it runs in this JVM, launched from {@link #main}. */
    private static volatile HttpBaseline.Arguments arguments;
    private static volatile MeasuredRun.Outcome outcome;

    private JUnitHttpBaseline() {
    }

    public static void main(String[] args) throws Exception {
        arguments = HttpBaseline.Arguments.of(args);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Calls.class))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        MeasuredRun.measure(() -> {
            launcher.execute(request, summary);
            TestExecutionSummary result = summary.getSummary();
            if (result.getTestsSucceededCount() != 1 || outcome == null) {
                return new MeasuredRun.Outcome(false, result.getFailures().isEmpty() ? "the test did not run"
                        : String.valueOf(result.getFailures().get(0).getException()));
            }
            return outcome;
        });
    }

    /** The one test: the baseline's calls, as a user's own test might make them. */
    public static class Calls {

        @Test
        void calls() throws InterruptedException {
            outcome = HttpBaseline.callAll(arguments);
        }
    }
}
