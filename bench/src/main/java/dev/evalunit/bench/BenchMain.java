package dev.evalunit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark of issue 5: starts the latency server in its own JVM, writes the dataset, runs the
 * pairwise evaluation in a fresh measured JVM (live, into an empty cache folder), then once more in
 * another fresh JVM against the same cache, and prints one line of JSON:
 * {@code {"examples","calls","concurrency","latency_ms","wall_s","calls_per_s","ideal_calls_per_s",
 * "efficiency","cpu_ms_per_call","peak_heap_mb","cached_rerun_s"}}. Progress goes to standard error.
 *
 * <p>Exit status: 0 when the run was measured, 1 when it failed (or made an unexpected number of
 * calls), 2 for a usage mistake.
 */
public final class BenchMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            System.err.println(e.getMessage() + "\n" + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(options.serverCheck() ? ServerLoadCheck.run(options)
                : options.faultMode() ? new BenchMain().runWithFaults(options) : new BenchMain().run(options));
    }

    private int run(BenchOptions options) throws Exception {
        long runTimeout = runTimeoutSeconds(options);
        Path work = workFolder(options);
        try (ServerProcess server = ServerProcess.start(options.latencyMillis(), 3 * runTimeout + 120)) {
            DatasetWriter.write(work.resolve(BenchEvaluation.DATASET), options.examples());
            Path cache = Files.createDirectory(work.resolve("cache"));
            note("work folder %s; server %s, latency %d ms; %d examples, %s, concurrency %d",
                    work, server.baseUrl(), options.latencyMillis(), options.examples(),
                    options.experimentSet() ? "an experiment set of " + BenchExperimentSet.EXPERIMENTS + " experiments"
                            : options.samples() + " samples", options.concurrency());

            Path archive = options.cds() ? CdsTraining.archive(options, work, runTimeout) : null;
            List<String> liveJvm = jvmOptions(options, "", archive);
            ServerProcess.Stats before = server.stats();
            ClientProcess.Measurement live = options.baseline()
                    ? ClientProcess.run(work, liveJvm, options.baselineMain(), List.of(server.baseUrl(),
                            String.valueOf(options.examples()), String.valueOf(options.samples()),
                            String.valueOf(options.concurrency())), runTimeout, "baseline")
                    : ClientProcess.run(work, liveJvm, parameters(options, server, work, cache, "live"), runTimeout, "live");
            ServerProcess.Stats liveStats = server.stats().minus(before);
            describe(options.baseline() ? "baseline" : "live", live, liveStats);
            describeMachine(live, liveStats);
            describePhases(live, liveStats, options);
            boolean sound = live.succeeded();
            if (!live.succeeded()) {
                note("the live run FAILED: %s", live.failure());
            }
            if (liveStats.requests() != options.expectedCalls()) {
                note("the live run made %d calls, not the %d expected (retries or failures?)", liveStats.requests(),
                        options.expectedCalls());
                sound = false;
            }

            Double cachedRerun = null;
            Double cachedRerunCpu = null;
            if (options.rerun() && live.succeeded() && !options.baseline()) {
                ServerProcess.Stats beforeRerun = server.stats();
                ClientProcess.Measurement rerun = ClientProcess.run(work, jvmOptions(options, ".rerun", archive),
                        parameters(options, server, work, cache, "rerun"), runTimeout, "rerun");
                ServerProcess.Stats rerunStats = server.stats().minus(beforeRerun);
                describe("rerun", rerun, rerunStats);
                if (rerunStats.requests() == 0 && rerun.succeeded()) {
                    cachedRerun = rerun.wallNanos() / 1e9;
                    cachedRerunCpu = rerun.cpuNanos() / 1e9;
                } else {
                    note("cached_rerun_s is null: the rerun made %d server requests%s, so it was not served from a cache"
                            + " (does the engine read %s?)", rerunStats.requests(), rerun.succeeded() ? "" : " and failed",
                            "evalunit.cache.dir");
                }
            } else if (!options.rerun() || options.baseline()) {
                note("cached_rerun_s is null: %s", options.baseline() ? options.baselineOption() + " has no cache" : "--no-rerun");
            }

            System.out.println(JSON.writeValueAsString(result(options, live, liveStats, cachedRerun, cachedRerunCpu)));
            return sound ? 0 : 1;
        } finally {
            leave(options, work);
        }
    }

    /**
     * The fault benchmark (issue 16): the same job twice, each live into an empty cache, first against the
     * fault-free server, then against one that injects {@code --faults}; prints both and their ratio.
     * Error rows are allowed (the error budget is set to 1) and counted from the judgments files.
     */
    private int runWithFaults(BenchOptions options) throws Exception {
        long runTimeout = runTimeoutSeconds(options);
        Path work = workFolder(options);
        try (ServerProcess clean = ServerProcess.start(options.latencyMillis(), 2 * runTimeout + 120);
             ServerProcess faulty = ServerProcess.start(options.latencyMillis(), 2 * runTimeout + 120, options.faults(),
                     options.seed())) {
            DatasetWriter.write(work.resolve(BenchEvaluation.DATASET), options.examples());
            note("work folder %s; latency %d ms; %d examples, %d samples, concurrency %d; faults %s, seed %d",
                    work, options.latencyMillis(), options.examples(), options.samples(), options.concurrency(),
                    options.faults(), options.seed());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("examples", options.examples());
            json.put("concurrency", options.concurrency());
            json.put("latency_ms", options.latencyMillis());
            json.put("faults", options.faults());
            json.put("seed", options.seed());
            Double cleanWall = faultRun(options, clean, work, "fault-free", runTimeout, json);
            Double faultyWall = faultRun(options, faulty, work, options.faults(), runTimeout, json);
            json.put("wall_ratio", cleanWall == null || faultyWall == null ? null : round(faultyWall / cleanWall, 2));
            json.put("injected", JSON.readTree(faulty.stats().faults()));
            System.out.println(JSON.writeValueAsString(json));
            return cleanWall != null && faultyWall != null ? 0 : 1;
        } finally {
            leave(options, work);
        }
    }

    /** One live run of the fault benchmark: puts its figures into {@code json} under {@code label}; returns its wall time. */
    private Double faultRun(BenchOptions options, ServerProcess server, Path work, String label, long runTimeout,
                            Map<String, Object> json) throws IOException, InterruptedException {
        Path cache = Files.createDirectory(work.resolve("cache-" + label));
        List<String> jvm = new ArrayList<>(jvmOptions(options, "." + label, null));
        jvm.add("-D" + BenchEvaluation.ALLOW_ERRORS + "=true");
        Map<String, String> parameters = parameters(options, server, work, cache, label);
        parameters.put("evalunit.error-budget", "1");
        ServerProcess.Stats before = server.stats();
        Map<String, Object> figures = new LinkedHashMap<>();
        Double wall = null;
        try {
            ClientProcess.Measurement run = ClientProcess.run(work, jvm, parameters, runTimeout, label);
            ServerProcess.Stats stats = server.stats().minus(before);
            describe(label, run, stats);
            wall = run.wallNanos() / 1e9;
            figures.put("wall_s", round(wall, 3));
            figures.put("requests", stats.requests());
            figures.put("requests_per_example", round((double) stats.requests() / options.examples(), 2));
            figures.put("error_rows", errorRows(work.resolve("reports-" + label)));
            figures.put("succeeded", run.succeeded());
        } catch (IOException e) {
            note("the %s run did not finish: %s", label, e.getMessage());
            figures.put("wall_s", null);
            figures.put("did_not_finish_within_s", runTimeout);
            figures.put("requests", server.stats().minus(before).requests());
        }
        json.put(label, figures);
        return wall;
    }

    /** Lines whose choice is {@code Error} in the judgments files under {@code reports}. */
    private static long errorRows(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return -1;
        }
        java.util.regex.Pattern error = java.util.regex.Pattern.compile("\"choice\"\\s*:\\s*\"Error\"");
        long rows = 0;
        try (Stream<Path> files = Files.walk(reports)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals(
                    dev.evalunit.api.pairwise.PairwiseResult.JUDGMENTS_FILE)).toList()) {
                try (Stream<String> lines = Files.lines(file)) {
                    rows += lines.filter(line -> error.matcher(line).find()).count();
                }
            }
        }
        return rows;
    }

    /** A fresh work folder, deleted (unless {@code --keep}) also when the benchmark is interrupted (Ctrl-C): the cache of a large run is big. */
    private static Path workFolder(BenchOptions options) throws IOException {
        Path work = Files.createTempDirectory("evalunit-bench-");
        if (!options.keep()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                ClientProcess.stopRunning();
                deleteQuietly(work);
            }, "bench-cleanup"));
        }
        return work;
    }

    private static void leave(BenchOptions options, Path work) {
        if (options.keep()) {
            note("kept the work folder %s", work);
        } else {
            deleteQuietly(work);
        }
    }

    /**
     * @param profileSuffix told apart the recordings of the two runs: {@code FILE} and {@code FILE.rerun}
     * @param archive the AppCDS archive the JVM starts from ({@code --cds}), or {@code null}
     */
    static List<String> jvmOptions(BenchOptions options, String profileSuffix, Path archive) {
        List<String> jvm = new ArrayList<>();
        jvm.add("-Xmx" + options.heap());
        if (archive != null) {
            jvm.add("-XX:SharedArchiveFile=" + archive);
        }
        jvm.addAll(options.jvmArgs());
        if (options.liveHeapMillis() > 0) {
            jvm.add("-D" + MeasuredRun.LIVE_HEAP_PROPERTY + "=" + options.liveHeapMillis());
        }
        if (options.profile() != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + options.profile() + profileSuffix
                    + ",settings=profile,dumponexit=true");
        }
        return jvm;
    }

    /** The run's JUnit configuration parameters: what a user would put in junit-platform.properties. */
    static Map<String, String> parameters(BenchOptions options, ServerProcess server, Path work, Path cache,
                                                  String run) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("evalunit.models.candidate.base-url", server.baseUrl());
        parameters.put("evalunit.models.judge.base-url", server.baseUrl());
        parameters.put("evalunit.concurrency", String.valueOf(options.concurrency()));
        // Both models call one endpoint, whose own ceiling (default 64) would otherwise cap C above 64.
        parameters.put("evalunit.models.candidate.max-concurrency", String.valueOf(options.concurrency()));
        parameters.put("evalunit.models.judge.max-concurrency", String.valueOf(options.concurrency()));
        parameters.put("evalunit.autorater.samples", String.valueOf(options.samples()));
        parameters.put("evalunit.report.dir", work.resolve("reports-" + run).toString());
        // Read by the engine's response cache; an engine without one ignores them (the rerun then shows it).
        parameters.put("evalunit.cache.dir", cache.toString());
        parameters.put("evalunit.cache.mode", options.cacheMode());
        parameters.put("junit.platform.reporting.output.dir", work.resolve("junit-" + run).toString());
        parameters.putAll(options.params());
        if (options.experimentSet()) {
            parameters.put(EvaluationRunner.EXPERIMENT_SET, "true");
        }
        return parameters;
    }

    private static Map<String, Object> result(BenchOptions options, ClientProcess.Measurement live,
                                              ServerProcess.Stats stats, Double cachedRerun, Double cachedRerunCpu) {
        long calls = stats.requests();
        double wall = live.wallNanos() / 1e9;
        double rate = calls / wall;
        double ideal = options.idealCallsPerSecond();
        Map<String, Object> json = new LinkedHashMap<>();
        if (options.experimentSet()) {
            json.put("evaluation", "experiment-set");
        }
        json.put("examples", options.examples());
        json.put("calls", calls);
        json.put("concurrency", options.concurrency());
        json.put("latency_ms", options.latencyMillis());
        json.put("wall_s", round(wall, 3));
        json.put("calls_per_s", round(rate, 1));
        json.put("ideal_calls_per_s", round(ideal, 1));
        json.put("efficiency", round(rate / ideal, 3));
        json.put("cpu_ms_per_call", calls == 0 ? null : round(live.cpuNanos() / 1e6 / calls, 3));
        json.put("peak_heap_mb", round(live.peakHeapBytes() / (1024.0 * 1024.0), 1));
        if (live.liveHeapBytes() >= 0) {
            json.put("live_heap_mb", round(live.liveHeapBytes() / (1024.0 * 1024.0), 1));
            json.put("live_heap_median_mb", round(live.liveHeapMedianBytes() / (1024.0 * 1024.0), 1));
        }
        json.put("cached_rerun_s", cachedRerun == null ? null : round(cachedRerun, 3));
        json.put("cached_rerun_cpu_s", cachedRerunCpu == null ? null : round(cachedRerunCpu, 3));
        json.put("first_call_s", calls == 0 || live.jvmStartMillis() < 0 ? null
                : round((stats.firstRequestMillis() - live.jvmStartMillis()) / 1000.0, 3));
        return json;
    }

    private static void describe(String label, ClientProcess.Measurement run, ServerProcess.Stats stats) {
        double wall = run.wallNanos() / 1e9;
        note("%s: %s in %.3f s; %d server requests (%d generation, %d judge); client CPU %.0f ms (%d ms of it in the kernel); server CPU %d ms"
                        + " (%.3f ms/request); heap: sum of pool peaks %.1f MB, sampled peak %.1f MB, max %.0f MB;"
                        + "%s GC %d collections, %d ms; client CPU ms by thread kind %s",
                label, run.succeeded() ? "succeeded" : "FAILED", wall, stats.requests(), stats.generation(), stats.judge(),
                run.cpuNanos() / 1e6, run.kernelCpuMillis(), stats.cpuMillis(), stats.requests() == 0 ? 0.0 : (double) stats.cpuMillis() / stats.requests(),
                mb(run.peakHeapBytes()), mb(run.sampledPeakHeapBytes()), mb(run.maxHeapBytes()),
                run.liveHeapBytes() < 0 ? "" : String.format(" live set (after full collections) largest %.1f MB, median %.1f MB;",
                        mb(run.liveHeapBytes()), mb(run.liveHeapMedianBytes())),
                run.gcCount(), run.gcMillis(),
                run.threadCpuMillis());
    }

    /** What else ran on the machine: a busy machine slows the run without any fault of the engine. */
    private static void describeMachine(ClientProcess.Measurement live, ServerProcess.Stats stats) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (live.machineBusyMillis() < 0) {
            note("machine: %d cores; other processes' CPU unknown (no /proc/stat)", cores);
            return;
        }
        double wall = live.wallNanos() / 1e9;
        double others = Math.max(0, (live.machineBusyMillis() - live.cpuNanos() / 1_000_000 - stats.cpuMillis()) / 1000.0);
        note("machine: %d cores, load average %.2f; other processes used about %.1f CPU-s during the live run (%.2f cores)%s",
                cores, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), others,
                others / wall, others / wall > 0.25 ? " -- the machine was shared: wall-time figures are pessimistic" : "");
    }

    /**
     * Splits the live run at its first request and its last reply (server clock, same machine): the
     * engine's fixed costs before and after, and the efficiency of the calls phase alone.
     */
    private static void describePhases(ClientProcess.Measurement live, ServerProcess.Stats stats, BenchOptions options) {
        if (stats.requests() == 0) {
            return;
        }
        double before = (stats.firstRequestMillis() - live.startMillis()) / 1000.0;
        double calling = (stats.lastReplyMillis() - stats.firstRequestMillis()) / 1000.0;
        double after = (live.endMillis() - stats.lastReplyMillis()) / 1000.0;
        note("first run phases: %.2f s before the first call (%.2f s after the JVM started), %.2f s of calls (%.1f calls/s, efficiency %.3f), %.2f s after the last reply",
                before, (stats.firstRequestMillis() - live.jvmStartMillis()) / 1000.0, calling, stats.requests() / calling,
                stats.requests() / calling / options.idealCallsPerSecond(), after);
        int from = (int) Math.max(0, (live.startMillis() - stats.startMillis()) / 1000);
        List<Integer> perSecond = stats.requestsPerSecond();
        note("first run requests per second (from the run's start): %s",
                perSecond.subList(Math.min(from, perSecond.size()), perSecond.size()));
    }

    /** Generous: five times the ideal duration plus start-up, so that only a stuck run hits it. */
    private static long runTimeoutSeconds(BenchOptions options) {
        if (options.runLimitSeconds() > 0) {
            return options.runLimitSeconds();
        }
        if (options.faultMode()) {
            return 2400;
        }
        double idealSeconds = options.expectedCalls() / options.idealCallsPerSecond();
        return (long) Math.ceil(5 * idealSeconds) + 120;
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static BigDecimal round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }

    static void note(String format, Object... args) {
        System.err.println("[bench] " + String.format(java.util.Locale.ROOT, format, args));
    }

    private static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            note("could not delete the work folder %s: %s", root, e.getMessage());
        }
    }
}
