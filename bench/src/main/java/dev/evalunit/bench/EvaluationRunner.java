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
 * The measured JVM: runs {@link BenchEvaluation} (or {@link BenchExperimentSet}) once through the JUnit Platform
 * Launcher, as an IDE
 * or Surefire would, and prints one line {@value #RESULT_PREFIX}{@code {json}} with its wall time,
 * its process CPU time and its peak heap over the run. Started by {@link ClientProcess} in the work
 * folder that holds the dataset.
 *
 * <p>Arguments are {@code key=value} JUnit configuration parameters, passed on as they are.
 */
public final class EvaluationRunner {

    static final String RESULT_PREFIX = "BENCH-RESULT ";
    /** An argument {@code bench.experiment-set=true} runs {@link BenchExperimentSet} instead; not passed to JUnit. */
    static final String EXPERIMENT_SET = "bench.experiment-set";

    public static void main(String[] args) throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            parameters.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        boolean experimentSet = Boolean.parseBoolean(parameters.remove(EXPERIMENT_SET));
        measureTests(experimentSet ? BenchExperimentSet.class : BenchEvaluation.class, parameters,
                experimentSet ? BenchExperimentSet.EXPERIMENTS : 1);
    }

    /**
     * Runs the tests of {@code testClass} through the JUnit Platform Launcher, measured by {@link MeasuredRun} from
     * the launch to its end (the launcher is made before); the run succeeded when {@code tests} tests did and none failed.
     */
    static void measureTests(Class<?> testClass, Map<String, String> parameters, long tests) throws Exception {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameters(parameters)
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        MeasuredRun.measure(() -> {
            launcher.execute(request, summary);
            TestExecutionSummary result = summary.getSummary();
            return new MeasuredRun.Outcome(result.getTestsSucceededCount() == tests && result.getTotalFailureCount() == 0,
                    result.getFailures().isEmpty() ? null : String.valueOf(result.getFailures().get(0).getException()));
        });
    }

    private EvaluationRunner() {
    }
}
