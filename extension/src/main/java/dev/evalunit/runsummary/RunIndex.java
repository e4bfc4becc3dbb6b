package dev.evalunit.runsummary;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The evaluations of a test run, one file per evaluation under {@code <report dir>/}{@value #FOLDER}, so that
 * threads and Surefire forks never write the same file. An entry is named for its test's unique id (a re-run
 * replaces it) and carries the run's id ({@link #RUN}): the run-level summary keeps only its own run's entries.
 * Rebuilding the summary takes a file lock ({@code lock} in the folder) shared by every fork.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunIndex {

    static final String FOLDER = ".evalunit-index";

    /**
     * A run is the process that started this JVM (Maven, for every Surefire fork of one build; the IDE or shell
     * otherwise), with its start time, so that a reused process id does not join an old run.
     */
    static final String RUN = ProcessHandle.current().parent()
            .map(p -> p.pid() + "@" + p.info().startInstant().map(Object::toString).orElse("?"))
            .orElse(ProcessHandle.current().pid() + "@self");

    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

    private RunIndex() {
    }

    /** Writes (or replaces) the entry of the test {@code uniqueId}; {@code run} is set here. */
    public static Path record(Path reportRoot, String uniqueId, RunEntry entry) {
        Path file = reportRoot.resolve(FOLDER).resolve(key(uniqueId) + ".properties");
        write(file, entry.withRun(RUN).toProperties());
        return file;
    }

    /** Sets the gate outcome of an entry this JVM recorded. */
    public static void outcome(Path entryFile, String outcome) {
        RunEntry entry = read(entryFile);
        write(entryFile, entry.withOutcome(outcome).toProperties());
    }

    /** This run's entries, by name. */
    public static List<RunEntry> entries(Path reportRoot) {
        return entriesOfAnyRun(reportRoot).stream().filter(e -> RUN.equals(e.run())).toList();
    }

    /**
     * The entries of {@code reportRoot} whatever run recorded them, by name: what a merge takes over from a shard's
     * directory for what that shard ran whole.
     */
    public static List<RunEntry> entriesOfAnyRun(Path reportRoot) {
        Path folder = reportRoot.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".properties")).map(RunIndex::read)
                    .sorted(Comparator.comparing(e -> e.evaluation().name())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code action} holding the lock of {@code reportRoot}'s index, against other threads and forks. */
    public static void locked(Path reportRoot, Consumer<List<RunEntry>> action) {
        IN_THIS_JVM.lock();
        try {
            Path folder = Files.createDirectories(reportRoot.resolve(FOLDER));
            try (FileChannel channel = FileChannel.open(folder.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                action.accept(entries(reportRoot));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    private static String key(String uniqueId) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(uniqueId.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RunEntry read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RunEntry.of(properties);
    }

    /** Whole or not at all: a fork reading the folder never sees half an entry. */
    private static void write(Path file, Properties properties) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "entry", ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                properties.store(writer, null);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
