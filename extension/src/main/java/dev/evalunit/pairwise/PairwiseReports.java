package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.spi.PairwiseReporter;
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
        return write(result, (ShardManifest) null);
    }

    /**
     * Writes a partial run's files: as {@link #write(PairwiseResult)}, with the metrics marked as the shard's
     * and the shard file ({@link ShardFile}) last.
     *
     * @param shard what the partial run covers, or {@code null} for a whole run
     */
    public static List<Path> write(PairwiseResult result, ShardManifest shard) {
        return write(result, shard, ServiceLoader.load(PairwiseReporter.class, PairwiseReports.class.getClassLoader()));
    }

    static List<Path> write(PairwiseResult result, Iterable<PairwiseReporter> reporters) {
        return write(result, null, reporters);
    }

    static List<Path> write(PairwiseResult result, ShardManifest shard, Iterable<PairwiseReporter> reporters) {
        Path directory = result.reportDirectory();
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            written.add(JudgmentsFile.write(result, directory));
            written.add(MetricsFile.write(result.metrics(), directory, shard == null ? null : shard.shard()));
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
