package dev.evalunit.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.files.JudgmentsFile;
import dev.evalunit.files.MetricsFile;
import dev.evalunit.files.ReadJudgments;
import dev.evalunit.stats.pairwise.PairwiseStatistics;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The command line: {@code java -jar evalunit-cli.jar metrics --judgments FILE} computes the
 * metrics of an existing judgments file without calling any model (AutoSxS's metrics step);
 * {@code rank --judgments FILE...} ranks the models those files name ({@link RankCommand});
 * {@code merge --output DIR SHARD_DIR...} merges a sharded run's files and applies its gates ({@link MergeCommand});
 * {@code run FILE...} runs spec files through the JUnit Platform Launcher ({@link RunCommand}).
 */
@API(status = INTERNAL, since = "0.1")
public final class Main {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE_ERROR = 2;

    static final String USAGE = """
            Usage: evalunit metrics --judgments FILE [--human-preference-column NAME]
                   evalunit rank --judgments FILE... [--baseline NAME] [--bootstrap-rounds R] [--seed S]
                   evalunit merge --output DIR [--gate METRIC>=VALUE]... SHARD_DIR...
                   evalunit run FILE... [--output DIR] [--gate METRIC>=VALUE]... [-DKEY=VALUE]...
              --judgments FILE                 the judgments file (JSON Lines) to compute the metrics of; for rank, one or more
              --human-preference-column NAME   the key holding human preferences (A, B or TIE), for the agreement figures
              --baseline NAME                  rank: the model scores are measured against (default: the one in most battles)
              --bootstrap-rounds R             rank: bootstrap rounds of the 95% intervals (default 100)
              --seed S                         rank: the bootstrap's seed (default 0)
              --output DIR                     merge: where the merged files go (a report directory)
              --gate METRIC>=VALUE             merge: a threshold on a figure of every merged metrics.json (also >, <=, <)
              SHARD_DIR                        merge: the report directory of one shard (evalunit.shard=K/N), one per shard
              FILE...                          run: spec files (*.autosxs.json, *.experiment-set.json) to run as tests
              --output DIR                     run: where the reports and TEST-evalunit-specs.xml go (default target/evalunit)
              --gate METRIC>=VALUE             run: a gate every AutoSxS file must pass (>=, >, <=, <); may be repeated
              -DKEY=VALUE                      run: a configuration key, e.g. -Devalunit.models.judge.base-url=URL
              --help                           print this help""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs one command; returns the exit code: 0 done, 1 a configuration error (for {@code run}: a gate or an
     * evaluation failed), 2 a usage error (for {@code run}: any bad input).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            out.println(USAGE);
            return USAGE_ERROR;
        }
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(USAGE);
            return OK;
        }
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        if (args[0].equals("merge")) {
            return MergeCommand.run(options, out, err);
        }
        if (args[0].equals("rank")) {
            return runCommand(err, () -> RankCommand.run(RankCommand.Options.parse(options), out));
        }
        if (args[0].equals("run")) {
            return runSpecFiles(options, out, err);
        }
        if (!args[0].equals("metrics")) {
            return usageError(err, args[0].startsWith("-") ? "unknown option [" + args[0] + "]"
                    : "unknown command [" + args[0] + "]");
        }
        return runCommand(err, () -> metrics(MetricsOptions.parse(options), out));
    }

    private static void metrics(MetricsOptions options, PrintStream out) {
        ReadJudgments read = JudgmentsFile.read(options.judgments(), options.humanPreferenceColumn());
        PairwiseMetrics metrics = PairwiseStatistics.compute(read.judgments(), options.humanPreferenceColumn() != null);
        out.println(MetricsFile.text(metrics, MetricsFile.errorsByKind(read.judgments())));
    }

    /** Runs a command, turning its failures into exit codes and messages on {@code err}. */
    private static int runCommand(PrintStream err, Runnable command) {
        try {
            command.run();
            return OK;
        } catch (UsageException e) {
            return usageError(err, e.getMessage());
        } catch (ConfigurationException e) {
            err.println(e.getMessage());
            return FAILED;
        } catch (UncheckedIOException e) {
            err.println("evalunit: " + e.getMessage() + ": " + e.getCause().getMessage());
            return FAILED;
        }
    }

    /** {@code run}: bad input of any kind, configuration errors included, exits 2; a failed gate or evaluation 1. */
    private static int runSpecFiles(String[] options, PrintStream out, PrintStream err) {
        try {
            return RunCommand.run(RunCommand.Options.parse(options), out, err);
        } catch (UsageException e) {
            return usageError(err, e.getMessage());
        } catch (ConfigurationException e) {
            err.println(e.getMessage());
            return USAGE_ERROR;
        }
    }

    private static int usageError(PrintStream err, String problem) {
        err.println("evalunit: " + problem + ". " + USAGE);
        return USAGE_ERROR;
    }

    /** The options of the {@code metrics} command. */
    record MetricsOptions(Path judgments, String humanPreferenceColumn) {

        static MetricsOptions parse(String[] args) {
            Path judgments = null;
            String humanPreferenceColumn = null;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--judgments" -> judgments = Path.of(Main.value(args, ++i, option));
                    case "--human-preference-column" -> humanPreferenceColumn = Main.value(args, ++i, option);
                    default -> throw new UsageException("unknown option [" + option + "]");
                }
            }
            if (judgments == null) {
                throw new UsageException("missing option [--judgments]");
            }
            return new MetricsOptions(judgments, humanPreferenceColumn);
        }
    }

    /** The value following {@code option} at {@code args[index]}. */
    static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException("option [" + option + "] needs a value");
        }
        return args[index];
    }

    /** A mistake in the command line itself: answered with the usage and exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
