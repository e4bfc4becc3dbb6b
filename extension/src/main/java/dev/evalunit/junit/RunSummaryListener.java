package dev.evalunit.junit;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.run.RunEvaluation;
import dev.evalunit.runsummary.RunEntry;
import dev.evalunit.runsummary.RunIndex;
import dev.evalunit.runsummary.RunSummary;
import dev.evalunit.runsummary.StepSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes the run-level summary once all tests of this JVM have run. Evaluations record themselves in the
 * {@link RunIndex} of their report directory and {@linkplain #watch name the tests} whose results gate them;
 * this listener gives each entry the worst outcome of those tests, then rebuilds {@code summary.md} (and the
 * GitHub step summary) and what the run reporters write ({@code index.html}) from every entry of the run, those
 * of other forks included, and prints the table and the files' paths.
 * Registered in {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunSummaryListener implements TestExecutionListener {

    /** Entry file -> its report root and the unique ids (or prefixes, for a set's template) of its tests. */
    private static final Map<Path, Watched> WATCHED = new ConcurrentHashMap<>();
    /** Numbers the entries as they are recorded, so that a listener tells those of its own test plan. */
    private static final AtomicLong RECORDED = new AtomicLong();

    private final Map<Path, String> outcomes = new ConcurrentHashMap<>();
    private final Function<String, String> environment;
    /**
     * The last entry recorded before this listener's test plan started: older ones belong to another plan (a launch
     * that has summarised them, or one with no listener, as {@code EngineTestKit}'s), and none of its tests gates them.
     */
    private volatile long before;

    /** As {@code ServiceLoader} creates it: the step summary's path from the environment. */
    public RunSummaryListener() {
        this(System::getenv);
    }

    RunSummaryListener(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Records {@code entry} for the test {@code uniqueId}, gated by the tests whose ids start with it. */
    static void record(Path reportRoot, String uniqueId, RunEntry entry) {
        Path file = RunIndex.record(reportRoot, uniqueId, entry);
        // Run again into the same report directory, the test's entry is the same file: the later run replaces it. Run
        // again into another one (a test launching it anew, as a sample's own test does), both entries stand, each
        // gated by the plan that recorded it.
        WATCHED.put(file, new Watched(reportRoot, uniqueId, RECORDED.incrementAndGet()));
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        before = RECORDED.get();
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            return;
        }
        String outcome = switch (result.getStatus()) {
            case SUCCESSFUL -> RunEvaluation.PASS;
            case ABORTED -> RunEvaluation.SKIPPED;
            case FAILED -> result.getThrowable().filter(t -> t instanceof AssertionError).isPresent() ? RunEvaluation.FAIL
                    : RunEvaluation.ERROR;
        };
        WATCHED.forEach((file, watched) -> {
            if (watched.number() > before && test.getUniqueId().startsWith(watched.uniqueId())) {
                outcomes.merge(file, outcome, RunSummaryListener::worse);
            }
        });
    }

    /** A summary that cannot be written is said on standard error; it never fails the run. */
    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        try {
            summarize();
        } catch (RuntimeException e) {
            System.err.println("[evalunit] the run summary could not be written: " + e);
        }
    }

    private void summarize() {
        Set<Path> roots = new java.util.HashSet<>();
        WATCHED.forEach((file, watched) -> {
            String outcome = outcomes.get(file);
            if (outcome != null && WATCHED.remove(file) != null) {
                RunIndex.outcome(file, outcome);
                roots.add(watched.reportRoot());
            }
        });
        Optional<Path> step = Optional.ofNullable(environment.apply(StepSummary.VARIABLE)).filter(s -> !s.isBlank()).map(Path::of);
        for (Path root : roots) {
            List<Path> written = RunSummary.rebuild(root, step);
            if (!written.isEmpty()) {
                System.out.print(RunSummary.table(RunIndex.entries(root)));
                System.out.println("[evalunit] run summary: " + written.get(0));
                written.stream().skip(1).forEach(report -> System.out.println("[evalunit] report: " + report));
            }
        }
    }

    private static String worse(String a, String b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(String outcome) {
        return switch (outcome) {
            case RunEvaluation.ERROR -> 3;
            case RunEvaluation.FAIL -> 2;
            case RunEvaluation.SKIPPED -> 1;
            default -> 0;
        };
    }

    private record Watched(Path reportRoot, String uniqueId, long number) {
    }
}
