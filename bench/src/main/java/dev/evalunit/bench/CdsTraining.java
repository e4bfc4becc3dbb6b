package dev.evalunit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --cds}: makes an AppCDS archive (Java's dynamic class data sharing, {@code -XX:ArchiveClassesAtExit})
 * of the classes the measured JVM loads, from training runs that are not measured, as a user would
 * make one with a first {@code mvn test}. The measured runs then start from it
 * ({@code -XX:SharedArchiveFile}): the classes are mapped already parsed and verified instead of read
 * from the jar. For the evaluation, two runs in a folder of their own: a live one over the first
 * {@value #CACHED_ROWS} rows, then one over {@value #TRAINING_ROWS} rows that dumps the archive at its
 * exit, so that the classes of a reply read from the cache and those of a call are both in it. For
 * {@code --http-baseline} or {@code --junit-baseline}, one baseline run of {@value #TRAINING_ROWS} examples. They call a stand-in server
 * of their own, so that the measured runs' server counts only theirs.
 */
final class CdsTraining {

    static final int CACHED_ROWS = 100;
    static final int TRAINING_ROWS = 200;

    /** The archive, or {@code null} (with a note) when a training run failed: the runs are then measured without. */
    static Path archive(BenchOptions options, Path work, long timeoutSeconds) throws IOException, InterruptedException {
        // A stand-in of its own: the measured runs' server counts their requests and times their first one.
        try (ServerProcess server = ServerProcess.start(options.latencyMillis(), 3 * timeoutSeconds + 120)) {
            return archive(options, server, work, timeoutSeconds);
        }
    }

    private static Path archive(BenchOptions options, ServerProcess server, Path work, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path folder = Files.createDirectory(work.resolve("cds-training"));
        Path archive = work.resolve("evalunit.jsa");
        List<String> plain = new ArrayList<>();
        plain.add("-Xmx" + options.heap());
        plain.addAll(options.jvmArgs());
        List<String> dumping = new ArrayList<>(plain);
        dumping.add("-XX:ArchiveClassesAtExit=" + archive);
        long started = System.nanoTime();
        boolean trained;
        if (options.baseline()) {
            trained = ClientProcess.run(folder, dumping, options.baselineMain(), List.of(server.baseUrl(),
                    String.valueOf(TRAINING_ROWS), String.valueOf(options.samples()),
                    String.valueOf(options.concurrency())), timeoutSeconds, "cds-training").succeeded();
        } else {
            Path cache = Files.createDirectory(folder.resolve("cache"));
            DatasetWriter.write(folder.resolve(BenchEvaluation.DATASET), CACHED_ROWS);
            trained = ClientProcess.run(folder, plain, BenchMain.parameters(options, server, folder, cache, "training-live"),
                    timeoutSeconds, "cds-training").succeeded();
            DatasetWriter.write(folder.resolve(BenchEvaluation.DATASET), TRAINING_ROWS);
            trained &= ClientProcess.run(folder, dumping, BenchMain.parameters(options, server, folder, cache, "training-dump"),
                    timeoutSeconds, "cds-training").succeeded();
        }
        if (!trained || !Files.isRegularFile(archive)) {
            BenchMain.note("--cds: a training run failed or made no archive; measuring without class data sharing");
            return null;
        }
        BenchMain.note("--cds: archive of %.1f MB made by the training runs in %.1f s (not measured): %s",
                Files.size(archive) / (1024.0 * 1024.0), (System.nanoTime() - started) / 1e9, archive);
        return archive;
    }

    private CdsTraining() {
    }
}
