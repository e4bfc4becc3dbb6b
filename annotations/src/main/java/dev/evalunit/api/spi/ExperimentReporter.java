package dev.evalunit.api.spi;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes files about a finished experiment set: one call per experiment, then one for the set.
 * Found with {@link java.util.ServiceLoader}; evalunit-reporters provides the defaults.
 */
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
