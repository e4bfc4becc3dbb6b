package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalunit.api.run.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Adds a format to the whole test run's report directory, beside the engine's {@code summary.md}: called
 * after all tests of each JVM (each Surefire fork), holding the run's lock, with every evaluation of the run
 * recorded so far, so the fork that finishes last writes the complete file (evalunit-reporters writes
 * {@code index.html}). It replaces its files each time. Found with {@link java.util.ServiceLoader}: list the
 * class in {@code META-INF/services/dev.evalunit.api.spi.RunReporter}. No reporter is required.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface RunReporter {

    /**
     * Writes this reporter's files for {@code run} into {@code directory} (the report directory, which exists);
     * each evaluation's {@link dev.evalunit.api.run.RunEvaluation#report() report} is relative to it.
     *
     * @return the files written, so that the caller can name them
     */
    List<Path> report(RunResult run, Path directory) throws IOException;
}
