package dev.evalunit.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's command line. */
record BenchOptions(int examples, int concurrency, int latencyMillis, int samples, String heap,
                    boolean rerun, String cacheMode, boolean serverCheck, Path profile, List<String> jvmArgs,
                    boolean keep, boolean httpBaseline, boolean junitBaseline, String faults, long seed,
                    Map<String, String> params, long runLimitSeconds, long liveHeapMillis, boolean cds,
                    boolean experimentSet) {

    static final String USAGE = """
            usage: bench/run.sh [options]
              --examples N       examples in the dataset (default 2000)
              --concurrency C    evalunit.concurrency (default 64)
              --latency-ms L     the server's fixed latency per call (default 100)
              --samples S        autorater samples per example (default 4)
              --heap SIZE        -Xmx of the measured JVM (default 256m)
              --no-rerun         skip the second, cached run (cached_rerun_s is then null)
              --cache-mode MODE  evalunit.cache.mode of both runs (default live)
              --profile FILE     record the runs with Java Flight Recorder: FILE (live), FILE.rerun
              --jvm-arg ARG      one more option for the measured JVM (repeatable)
              --keep             keep the work folder (dataset, cache, reports) and print its path
              --server-check     measure the latency server alone at 1.5 x C in flight, then stop
              --http-baseline    the same calls with OkHttp alone (no JUnit, no evalunit), measured the same way
              --junit-baseline   the calls of --http-baseline made from inside one plain JUnit test (no evalunit)
              --faults MIX       also run the same job against a server that injects faults, and compare:
                                 mix30 (30% of 429/500/503/30 s stall/reset/truncated JSON/prose verdict),
                                 storm80 (80% 429 with Retry-After: 2), none (default)
              --seed N           the fault sequence's seed (default 16)
              --param KEY=VALUE  one more JUnit configuration parameter of the runs (repeatable)
              --run-limit-s S    stop a run that lasts longer (default: 5 x ideal + 120 s; 2400 s with --faults)
              --live-heap MS     every MS ms a full collection in the measured JVM, and the heap in use after it:
                                 live_heap_mb, the largest such figure (slows the run: for memory figures only)
              --cds              class data sharing: a training run (not measured) makes an AppCDS archive of the
                                 classes the measured JVM loads, and the measured runs start from it
              --experiment-set   an experiment set instead of the pairwise evaluation: the candidate at two temperatures
                                 over the dataset, output_length (2 x N calls; --samples does not apply)
              --help             this text
            bench/run.sh itself also takes:
              --compare          the evaluation, --http-baseline and --junit-baseline in turn, R rounds, then medians
                                 and ratios
              --rounds R         rounds of --compare (default 3)
            Prints progress on standard error and, last, one line of JSON on standard output.""";

    /** A mistake on the command line; the message says which. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static BenchOptions parse(String[] args) throws UsageException {
        int examples = 2000;
        int concurrency = 64;
        int latency = 100;
        int samples = 4;
        String heap = "256m";
        boolean rerun = true;
        String cacheMode = "live";
        boolean serverCheck = false;
        Path profile = null;
        List<String> jvmArgs = new ArrayList<>();
        boolean keep = false;
        boolean httpBaseline = false;
        boolean junitBaseline = false;
        String faults = FaultMix.NONE;
        long seed = 16;
        Map<String, String> params = new LinkedHashMap<>();
        long runLimit = 0;
        long liveHeap = 0;
        boolean cds = false;
        boolean experimentSet = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--examples" -> examples = positive(option, value(args, ++i, option));
                case "--concurrency" -> concurrency = positive(option, value(args, ++i, option));
                case "--latency-ms" -> latency = positive(option, value(args, ++i, option));
                case "--samples" -> samples = positive(option, value(args, ++i, option));
                case "--heap" -> heap = value(args, ++i, option);
                case "--no-rerun" -> rerun = false;
                case "--cache-mode" -> cacheMode = value(args, ++i, option);
                case "--profile" -> profile = Path.of(value(args, ++i, option)).toAbsolutePath();
                case "--jvm-arg" -> jvmArgs.add(value(args, ++i, option));
                case "--keep" -> keep = true;
                case "--server-check" -> serverCheck = true;
                case "--http-baseline" -> httpBaseline = true;
                case "--junit-baseline" -> junitBaseline = true;
                case "--faults" -> faults = fault(value(args, ++i, option));
                case "--seed" -> seed = positive(option, value(args, ++i, option));
                case "--param" -> param(params, value(args, ++i, option));
                case "--run-limit-s" -> runLimit = positive(option, value(args, ++i, option));
                case "--live-heap" -> liveHeap = positive(option, value(args, ++i, option));
                case "--cds" -> cds = true;
                case "--experiment-set" -> experimentSet = true;
                default -> throw new UsageException("unknown option [" + option + "]");
            }
        }
        if (httpBaseline && junitBaseline) {
            throw new UsageException("options [--http-baseline] and [--junit-baseline] are two baselines: give one");
        }
        if ((httpBaseline || junitBaseline) && (!FaultMix.NONE.equals(faults) || serverCheck)) {
            throw new UsageException("option [" + baselineOption(junitBaseline)
                    + "] does not go with --faults or --server-check");
        }
        if (experimentSet && (httpBaseline || junitBaseline || !FaultMix.NONE.equals(faults) || serverCheck)) {
            throw new UsageException("option [--experiment-set] does not go with --http-baseline, --junit-baseline,"
                    + " --faults or --server-check");
        }
        return new BenchOptions(examples, concurrency, latency, samples, heap, rerun, cacheMode, serverCheck, profile,
                List.copyOf(jvmArgs), keep, httpBaseline, junitBaseline, faults, seed, Map.copyOf(params), runLimit,
                liveHeap, cds, experimentSet);
    }

    private static String fault(String mix) throws UsageException {
        if (List.of(FaultMix.NONE, FaultMix.MIX30, FaultMix.STORM80).contains(mix)) {
            return mix;
        }
        throw new UsageException("option [--faults] needs none, mix30 or storm80, but was '" + mix + "'");
    }

    private static void param(Map<String, String> params, String keyValue) throws UsageException {
        int eq = keyValue.indexOf('=');
        if (eq < 1) {
            throw new UsageException("option [--param] needs KEY=VALUE, but was '" + keyValue + "'");
        }
        params.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
    }

    /** Whether the run is a baseline ({@code --http-baseline} or {@code --junit-baseline}): the calls, no evalunit. */
    boolean baseline() {
        return httpBaseline || junitBaseline;
    }

    /** The measured JVM's main class of a {@linkplain #baseline() baseline} run. */
    Class<?> baselineMain() {
        return junitBaseline ? JUnitHttpBaseline.class : HttpBaseline.class;
    }

    /** The option that asked for the baseline, for messages. */
    String baselineOption() {
        return baselineOption(junitBaseline);
    }

    private static String baselineOption(boolean junitBaseline) {
        return junitBaseline ? "--junit-baseline" : "--http-baseline";
    }

    boolean faultMode() {
        return !FaultMix.NONE.equals(faults);
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException("option [" + option + "] needs a value");
        }
        return args[index];
    }

    private static int positive(String option, String value) throws UsageException {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option [" + option + "] needs a positive whole number, but was '" + value + "'");
    }

    /**
     * Calls the evaluation makes: one generation (side A) and {@code samples} autorater calls per example; for
     * {@code --experiment-set}, one generation per example and experiment.
     */
    long expectedCalls() {
        return experimentSet ? (long) examples * BenchExperimentSet.EXPERIMENTS : (long) examples * (1 + samples);
    }

    /** The rate at which {@code concurrency} calls of the fixed latency complete back to back. */
    double idealCallsPerSecond() {
        return concurrency * 1000.0 / latencyMillis;
    }
}
