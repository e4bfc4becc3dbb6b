package dev.evalunit.experiment;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.spi.ExperimentReporter;
import dev.evalunit.files.ExperimentSummaryFile;
import dev.evalunit.files.ObservationsFile;
import dev.evalunit.files.SetShardFile;
import dev.evalunit.files.SetShardManifest;
import dev.evalunit.files.SetSummaryFile;
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
 * Writes an experiment set's files: the contract files ({@code observations.jsonl} and
 * {@code summary.json} per experiment, {@code set-summary.json} per set) with the engine's codec, then
 * whatever every {@link ExperimentReporter} on the class path adds (none is needed).
 */
@API(status = INTERNAL, since = "0.1")
public final class ExperimentReports {

    private ExperimentReports() {
    }

    /** @return the set's own files: {@code set-summary.json} first, then what the reporters wrote for the set */
    public static List<Path> write(ExperimentSetResult set) {
        return write(set, Map.of(), null);
    }

    /**
     * @param usage fields added to {@code set-summary.json} after the rankings: the set's {@code tokens} and
     *     {@code cost_usd} ({@code cost.UsageFields})
     * @param shard what a partial run covers (every {@code summary.json} is marked as the shard's and the set's
     *     shard file ({@link SetShardFile}) is written last), or {@code null} for a whole run
     * @return the set's own files: {@code set-summary.json} first, then what the reporters wrote for the set
     */
    public static List<Path> write(ExperimentSetResult set, Map<String, Object> usage, SetShardManifest shard) {
        return write(set, usage, shard, ServiceLoader.load(ExperimentReporter.class, ExperimentReports.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList());
    }

    static List<Path> write(ExperimentSetResult set, List<ExperimentReporter> reporters) {
        return write(set, Map.of(), null, reporters);
    }

    private static List<Path> write(ExperimentSetResult set, Map<String, Object> usage, SetShardManifest shard,
                                    List<ExperimentReporter> reporters) {
        try {
            Files.createDirectories(set.reportDirectory());
            for (ExperimentResult experiment : set.experiments()) {
                Path directory = experiment.reportDirectory();
                Files.createDirectories(directory);
                ObservationsFile.write(experiment, directory);
                ExperimentSummaryFile.write(experiment, directory, shard == null ? null : shard.shard());
                for (ExperimentReporter reporter : reporters) {
                    reporter.reportExperiment(experiment, directory);
                }
            }
            List<Path> files = new ArrayList<>();
            files.add(SetSummaryFile.write(set, usage, set.reportDirectory()));
            for (ExperimentReporter reporter : reporters) {
                files.addAll(reporter.reportSet(set, set.reportDirectory()));
            }
            if (shard != null) {
                files.add(SetShardFile.write(shard, set.reportDirectory()));
            }
            return List.copyOf(files);
        } catch (IOException e) {
            throw new UncheckedIOException("evalunit could not write the reports of experiment set [" + set.name()
                    + "] to " + set.reportDirectory(), e);
        }
    }
}
