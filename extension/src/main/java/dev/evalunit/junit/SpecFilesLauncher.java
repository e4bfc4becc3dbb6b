package dev.evalunit.junit;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * Runs spec files through the JUnit Platform Launcher, as {@code evalunit run} asks: the {@value SpecFilesEngine#ID}
 * engine alone, selecting exactly the given files, with configuration keys as launcher configuration parameters. The
 * launcher also registers the listeners {@code ServiceLoader} finds (the run summary); this class adds the platform's
 * JUnit XML report ({@code TEST-evalunit-specs.xml}, as Surefire writes it) and collects each test's outcome.
 */
@API(status = INTERNAL, since = "0.1")
public final class SpecFilesLauncher {

    /** The name of the JUnit XML report in the report folder. */
    public static final String XML_REPORT = "TEST-" + SpecFilesEngine.ID + ".xml";

    /** What an EvalAP experiment-set file's name ends with. */
    public static final String EXPERIMENT_SET_SUFFIX = SpecFileDiscovery.EXPERIMENT_SET_SUFFIX;

    private SpecFilesLauncher() {
    }

    /** Whether a file's name is that of a spec file the engine runs ({@code *.autosxs.json}, {@code *.experiment-set.json}). */
    public static boolean isSpecFile(String name) {
        return SpecFileDiscovery.isSpecFile(name);
    }

    /**
     * One test that ran.
     *
     * @param name the file and the test, e.g. {@code qa.autosxs.json > evaluation}
     * @param failure why it failed (an {@link AssertionError} for a gate), or {@code null} when it passed or was skipped
     */
    public record TestOutcome(String name, Throwable failure) {
    }

    /**
     * Runs {@code files} and writes the JUnit XML report into {@code xmlDir}.
     *
     * @param parameters configuration keys ({@code evalunit.*} and any other launcher parameter)
     * @return every test that ran, in the order they finished
     */
    public static List<TestOutcome> run(List<Path> files, Map<String, String> parameters, Path xmlDir,
            PrintWriter messages) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(files.stream().map(file -> DiscoverySelectors.selectFile(file.toFile())).toList())
                .filters(EngineFilter.includeEngines(SpecFilesEngine.ID))
                .configurationParameters(parameters)
                .build();
        Outcomes outcomes = new Outcomes();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, outcomes, new LegacyXmlReportGeneratingListener(xmlDir, messages));
        return List.copyOf(outcomes.tests);
    }

    /** Collects the outcome of each test. */
    private static final class Outcomes implements TestExecutionListener {
        private final List<TestOutcome> tests = new ArrayList<>();
        private TestPlan plan;

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
                String container = plan.getParent(test).map(TestIdentifier::getDisplayName).orElse("");
                tests.add(new TestOutcome(container.isEmpty() || container.equals(test.getDisplayName()) ? test.getDisplayName()
                        : container + " > " + test.getDisplayName(),
                        result.getStatus() == TestExecutionResult.Status.FAILED ? result.getThrowable().orElseGet(() -> new AssertionError(test.getDisplayName() + " failed")) : null));
            }
        }
    }
}
