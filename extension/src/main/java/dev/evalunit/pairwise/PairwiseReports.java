package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.spi.PairwiseReporter;
import dev.evalunit.budget.ErrorKinds;
import dev.evalunit.files.JudgmentsFile;
import dev.evalunit.files.MetricsFile;
import dev.evalunit.files.ShardFile;
import dev.evalunit.files.ShardManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apiguardian.api.API;

/**
 * Writes a result's files: the contract files ({@code judgments.jsonl}, {@code metrics.json}) with the
 * engine's codec, then whatever every {@link PairwiseReporter} on the class path adds (none is needed).
 */
@API(status = INTERNAL, since = "0.1")
public final class PairwiseReports {

    private PairwiseReports() {
    }

    /** @return the files written, the judgments file first */
    public static List<Path> write(PairwiseResult result) {
        return write(result, Map.of(), null);
    }

    /**
     * @param usage fields added to {@code metrics.json} after the figures: the evaluation's
     *     {@code tokens} and {@code cost_usd} ({@code cost.UsageFields})
     * @param shard what a partial run covers (its metrics are marked as the shard's and the shard file
     *     ({@link ShardFile}) is written last), or {@code null} for a whole run
     * @return the files written, the judgments file first
     */
    public static List<Path> write(PairwiseResult result, Map<String, Object> usage, ShardManifest shard) {
        return write(result, usage, shard, ServiceLoader.load(PairwiseReporter.class, PairwiseReports.class.getClassLoader()));
    }

    static List<Path> write(PairwiseResult result, Iterable<PairwiseReporter> reporters) {
        return write(result, Map.of(), null, reporters);
    }

    private static List<Path> write(PairwiseResult result, Map<String, Object> usage, ShardManifest shard,
                                    Iterable<PairwiseReporter> reporters) {
        Path directory = result.reportDirectory();
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            written.add(JudgmentsFile.write(result, directory));
            written.add(MetricsFile.write(result.metrics(), ErrorKinds.ofErrors(result), usage, directory,
                    shard == null ? null : shard.shard()));
            for (PairwiseReporter reporter : reporters) {
                written.addAll(reporter.report(result, directory));
            }
            if (shard != null) {
                written.add(ShardFile.write(shard, directory));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("evalunit could not write the reports of [" + result.name() + "] to " + directory, e);
        }
        return written;
    }
}
