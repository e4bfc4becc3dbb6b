package dev.evalunit.samples.ci;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * What {@code mvn test -Dkey=value...} does for {@link ShardedRunScriptTest}, in a JVM of its own: runs the
 * question-answering sample through the JUnit Platform with those configuration parameters, and exits 1 when
 * a test failed. The first argument ({@code test}, Maven's phase) is ignored.
 */
public final class ShardRun {

    static final String SAMPLE = "dev.evalunit.samples.QuestionAnsweringEvalTest";

    private ShardRun() {
    }

    public static void main(String[] args) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("-D") && arg.contains("=")) {
                parameters.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        // The sample class alone, as `mvn test -Dtest=...` would: not the samples' spec files beside it.
        Map<String, String> launched = new LinkedHashMap<>(parameters);
        launched.put("evalunit.specs.with-test-classes", "false");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(SAMPLE))
                .configurationParameters(launched).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        System.out.println("[shard-run] " + parameters + ": " + summary.getTestsSucceededCount() + " succeeded, "
                + summary.getTestsAbortedCount() + " aborted, " + summary.getTotalFailureCount() + " failed");
        summary.getFailures().forEach(failure -> failure.getException().printStackTrace());
        System.exit(summary.getTotalFailureCount() == 0 ? 0 : 1);
    }
}
