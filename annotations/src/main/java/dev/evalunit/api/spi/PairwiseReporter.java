package dev.evalunit.api.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalunit.api.pairwise.PairwiseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Adds a format to a finished pairwise evaluation's report directory. The engine writes the contract
 * files ({@code judgments.jsonl}, {@code metrics.json}) itself, before any reporter runs; a reporter
 * only adds files (evalunit-reporters adds {@code summary.md}). Found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.evalunit.api.spi.PairwiseReporter}. No reporter is required.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface PairwiseReporter {

    /**
     * Writes this reporter's files for {@code result} into {@code directory} (which exists).
     *
     * @return the files written, so that the caller can publish them
     */
    List<Path> report(PairwiseResult result, Path directory) throws IOException;
}
