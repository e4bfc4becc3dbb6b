package dev.evalunit.bench;

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
 * The measured JVM: runs {@link BenchEvaluation} once through the JUnit Platform Launcher, as an IDE
 * or Surefire would, and prints one line {@value #RESULT_PREFIX}{@code {json}} with its wall time,
 * its process CPU time and its peak heap over the run. Started by {@link ClientProcess} in the work
 * folder that holds the dataset.
 *
 * <p>Arguments are {@code key=value} JUnit configuration parameters, passed on as they are.
 */
public final class EvaluationRunner {

    static final String RESULT_PREFIX = "BENCH-RESULT ";

    public static void main(String[] args) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            parameters.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(BenchEvaluation.class))
                .configurationParameters(parameters)
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        MeasuredRun.measure(() -> {
            launcher.execute(request, summary);
            TestExecutionSummary result = summary.getSummary();
            return new MeasuredRun.Outcome(result.getTestsSucceededCount() == 1 && result.getTotalFailureCount() == 0,
                    result.getFailures().isEmpty() ? null : String.valueOf(result.getFailures().get(0).getException()));
        });
    }

    private EvaluationRunner() {
    }
}
