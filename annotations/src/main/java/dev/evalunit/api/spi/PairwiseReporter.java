package dev.evalunit.api.spi;

import dev.evalunit.api.result.PairwiseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes files about a finished pairwise evaluation into its report directory. Found with
 * {@link java.util.ServiceLoader}; evalunit-reporters provides the defaults.
 */
public interface PairwiseReporter {

    /**
     * Writes this reporter's files for {@code result} into {@code directory} (which exists).
     *
     * @return the files written, so that the caller can publish them
     */
    List<Path> report(PairwiseResult result, Path directory) throws IOException;
}
