package dev.evalunit.api.spi;

import dev.evalunit.api.result.PairwiseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Adds a format to a finished pairwise evaluation's report directory. The engine writes the contract
 * files ({@code judgments.jsonl}, {@code metrics.json}) itself, before any reporter runs; a reporter
 * only adds files (evalunit-reporters adds {@code summary.md}). Found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.evalunit.api.spi.PairwiseReporter}. No reporter is required.
 */
public interface PairwiseReporter {

    /**
     * Writes this reporter's files for {@code result} into {@code directory} (which exists).
     *
     * @return the files written, so that the caller can publish them
     */
    List<Path> report(PairwiseResult result, Path directory) throws IOException;
}
