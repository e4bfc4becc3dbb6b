package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Adds a format to a finished experiment set's report directories: one call per experiment, then one
 * for the set. The engine writes the contract files ({@code observations.jsonl}, {@code summary.json},
 * {@code set-summary.json}) itself, before any reporter runs. Found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.evalunit.api.spi.ExperimentReporter}. No reporter is required.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ExperimentReporter {

    /**
     * Writes this reporter's files for one experiment into {@code directory} (which exists).
     *
     * @return the files written, so that the caller can publish them
     */
    List<Path> reportExperiment(ExperimentResult result, Path directory) throws IOException;

    /**
     * Writes this reporter's files for the whole set into {@code directory} (which exists).
     *
     * @return the files written
     */
    List<Path> reportSet(ExperimentSetResult result, Path directory) throws IOException;
}
