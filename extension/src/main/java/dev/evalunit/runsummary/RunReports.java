package dev.evalunit.runsummary;

import dev.evalunit.api.run.RunResult;
import dev.evalunit.api.spi.RunReporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Has every {@link RunReporter} on the class path (none is needed) write its files for the whole run. A
 * reporter that fails is said on standard error; the others still write, and the run does not fail.
 */
final class RunReports {

    private RunReports() {
    }

    /** @return the files the reporters wrote */
    static List<Path> write(RunResult run, Path reportRoot) {
        return write(run, reportRoot, ServiceLoader.load(RunReporter.class, RunReports.class.getClassLoader()));
    }

    static List<Path> write(RunResult run, Path reportRoot, Iterable<RunReporter> reporters) {
        List<Path> written = new ArrayList<>();
        for (RunReporter reporter : reporters) {
            try {
                written.addAll(reporter.report(run, reportRoot));
            } catch (IOException | RuntimeException e) {
                System.err.println("[evalunit] " + reporter.getClass().getName() + " could not write the run's report to "
                        + reportRoot + ": " + e);
            }
        }
        return written;
    }
}
