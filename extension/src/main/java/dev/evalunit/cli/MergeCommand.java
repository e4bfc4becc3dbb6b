package dev.evalunit.cli;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.run.RunEvaluation;
import dev.evalunit.budget.ErrorBudget;
import dev.evalunit.budget.EvaluationInfrastructureException;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.files.SetShardFile;
import dev.evalunit.files.SetShardManifest;
import dev.evalunit.files.ShardFile;
import dev.evalunit.files.ShardManifest;
import dev.evalunit.runsummary.RunEntry;
import dev.evalunit.runsummary.RunIndex;
import dev.evalunit.runsummary.RunSummary;
import dev.evalunit.runsummary.StepSummary;
import dev.evalunit.specfiles.Gate;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code evalunit merge --output DIR SHARD_DIR...}: combines the files of the shards of a sharded run
 * ({@code evalunit.shard=K/N}) into the files a single run would have written, then applies the gates: the
 * error budget each shard recorded (to a pairwise evaluation, and to each experiment of a set), and every
 * {@code --gate} (on a pairwise evaluation's {@code metrics.json} figures, or on an experiment's metric means,
 * wherever the figure exists). Exits 0 when every gate holds, 1 when one
 * fails, 2 on bad input (a usage mistake, or shards that do not make up whole evaluations). A tournament, which
 * shard 1 runs whole, is copied from there as it is ({@link TournamentCopies}). Last, it writes the
 * run summary of the merged run into the output ({@code summary.md}, and what the run reporters add, e.g.
 * {@code index.html}; the GitHub step summary too when {@code GITHUB_STEP_SUMMARY} is set), each evaluation's
 * outcome being its gates': {@code pass}, {@code fail} (a {@code --gate}), {@code error} (the error budget).
 */
final class MergeCommand {

    private MergeCommand() {
    }

    /** The options of the {@code merge} command. */
    record Options(Path output, List<Path> shards, List<Gate> gates) {

        static Options parse(String[] args) {
            Path output = null;
            List<Path> shards = new ArrayList<>();
            List<Gate> gates = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--output" -> output = Path.of(Main.value(args, ++i, option));
                    case "--gate" -> gates.add(Gate.ofText(Main.value(args, ++i, option), "option [--gate]"));
                    default -> {
                        if (option.startsWith("--")) {
                            throw new Main.UsageException("unknown option [" + option + "]");
                        }
                        shards.add(Path.of(option));
                    }
                }
            }
            if (output == null) {
                throw new Main.UsageException("missing option [--output]");
            }
            if (shards.isEmpty()) {
                throw new Main.UsageException("merge needs the report directories of the shards");
            }
            return new Options(output, shards, gates);
        }
    }

    /**
     * One merged evaluation, or one experiment of a merged set: what the gates are applied to.
     *
     * @param name how failures name it
     * @param budget the error budget check, throwing when it is exceeded
     * @param figures the figures {@code --gate} can name
     */
    private record Gated(String name, Runnable budget, Map<String, Object> figures, int entry) {
    }

    /** Merges, writes, gates; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        List<Gated> gated = new ArrayList<>();
        List<RunEntry> entries = new ArrayList<>();
        List<RunEntry> ranWhole = new ArrayList<>();
        try {
            options = Options.parse(args);
            ShardedEvaluation.requireShardFiles(options.shards());
            List<ShardedEvaluation<ShardManifest>> pairwise = ShardedEvaluation.find(options.shards(), ShardFile.NAME,
                    ShardFile::read);
            List<ShardedEvaluation<SetShardManifest>> sets = ShardedEvaluation.find(options.shards(), SetShardFile.NAME,
                    SetShardFile::read);
            for (ShardedEvaluation<ShardManifest> evaluation : pairwise) {
                PairwiseResult result = PairwiseMerge.merge(evaluation, options.output());
                ErrorBudget budget = new ErrorBudget(evaluation.parts().get(0).manifest().errorBudget());
                gated.add(new Gated("evaluation [" + result.name() + "]", () -> budget.check(result),
                        result.metrics().asMap(), entries.size()));
                entries.add(RunEntry.of(result, options.output(), result.usage().figure()));
                out.println("[evalunit] " + result.name() + ": merged " + evaluation.parts().size() + " shards, "
                        + result.judgments().size() + " judgments written to " + result.judgmentsFile());
            }
            for (ShardedEvaluation<SetShardManifest> set : sets) {
                ExperimentSetResult result = SetMerge.merge(set, options.output());
                ErrorBudget budget = new ErrorBudget(set.parts().get(0).manifest().errorBudget());
                for (ExperimentResult experiment : result.experiments()) {
                    Map<String, Object> means = new LinkedHashMap<>();
                    experiment.metrics().forEach((metric, summary) -> means.put(metric, summary.mean()));
                    gated.add(new Gated("experiment [" + experiment.description() + "] of set [" + result.name() + "]",
                            () -> budget.check(experiment), means, entries.size()));
                }
                entries.add(RunEntry.of(result, options.output(), result.usage().figure()));
                out.println("[evalunit] experiment set " + result.name() + ": merged " + set.parts().size() + " shards, "
                        + result.experiments().size() + " experiments written to " + result.reportDirectory());
            }
            for (TournamentCopies.Copied tournament : TournamentCopies.copy(options.shards(), options.output())) {
                out.println("[evalunit] tournament " + tournament.name() + ": run whole by shard 1, its files copied to "
                        + options.output().resolve(tournament.folder()));
                // Its pairings' rows of the run summary, with the outcomes of the tests that shard ran.
                for (RunEntry entry : RunIndex.entriesOfAnyRun(tournament.shardDirectory())) {
                    if (entry.evaluation().name().startsWith(tournament.name() + " ")) {
                        ranWhole.add(entry);
                    }
                }
            }
            for (Gate gate : options.gates()) {
                if (gated.stream().noneMatch(g -> g.figures().containsKey(gate.metric()))) {
                    throw new Main.UsageException("gate [" + label(gate) + "] names no figure of the merged evaluations");
                }
            }
        } catch (Main.UsageException e) {
            err.println("evalunit: " + e.getMessage() + ". " + Main.USAGE);
            return Main.USAGE_ERROR;
        } catch (ConfigurationException e) {
            err.println(e.getMessage());
            return Main.USAGE_ERROR;
        } catch (UncheckedIOException e) {
            err.println("evalunit: " + e.getMessage() + ": " + e.getCause().getMessage());
            return Main.USAGE_ERROR;
        }
        int failed = 0;
        String[] outcomes = new String[entries.size()];
        Arrays.fill(outcomes, RunEvaluation.PASS);
        for (Gated evaluation : gated) {
            List<String> failures = new ArrayList<>();
            try {
                evaluation.budget().run();
            } catch (EvaluationInfrastructureException e) {
                failures.add(e.getMessage());
                outcomes[evaluation.entry()] = RunEvaluation.ERROR;
            }
            for (Gate gate : options.gates()) {
                String failure = evaluation.figures().containsKey(gate.metric()) ? failure(gate, evaluation.figures()) : null;
                if (failure != null) {
                    failures.add(evaluation.name() + " " + failure);
                    if (!outcomes[evaluation.entry()].equals(RunEvaluation.ERROR)) {
                        outcomes[evaluation.entry()] = RunEvaluation.FAIL;
                    }
                }
            }
            failures.forEach(err::println);
            failed += failures.isEmpty() ? 0 : 1;
        }
        summarize(options.output(), entries, outcomes, ranWhole, out, err);
        String evaluations = gated.size() + (gated.size() == 1 ? " evaluation" : " evaluations");
        out.println("[evalunit] merge: " + (failed == 0 ? "every gate holds on " + evaluations
                : failed + " of " + evaluations + " failed a gate"));
        return failed == 0 ? Main.OK : Main.FAILED;
    }

    /**
     * The run summary of the merged run, as a test run writes it at its end: one entry per merged evaluation, with
     * its gates' outcome, and the entries of what a shard ran whole (a tournament's pairings) as that shard recorded
     * them. A summary that cannot be written is said on standard error; it never changes the exit code.
     */
    private static void summarize(Path output, List<RunEntry> entries, String[] outcomes, List<RunEntry> ranWhole,
                                  PrintStream out, PrintStream err) {
        try {
            for (RunEntry entry : ranWhole) {
                record(output, entry);
            }
            for (int i = 0; i < entries.size(); i++) {
                RunIndex.outcome(record(output, entries.get(i)), outcomes[i]);
            }
            Optional<Path> step = Optional.ofNullable(System.getenv(StepSummary.VARIABLE)).filter(s -> !s.isBlank())
                    .map(Path::of);
            List<Path> written = RunSummary.rebuild(output, step);
            if (!written.isEmpty()) {
                out.print(RunSummary.table(RunIndex.entries(output)));
                out.println("[evalunit] run summary: " + written.get(0));
                written.stream().skip(1).forEach(report -> out.println("[evalunit] report: " + report));
            }
        } catch (RuntimeException e) {
            err.println("[evalunit] the run summary could not be written: " + e);
        }
    }

    /** Records {@code entry} in the output's run index, under a key of the merge's own; returns its file. */
    private static Path record(Path output, RunEntry entry) {
        return RunIndex.record(output, "merge:" + entry.evaluation().kind() + ":" + entry.evaluation().name(), entry);
    }

    /** {@code null} when {@code gate} holds on {@code figures}; otherwise why not. A figure that is null fails. */
    private static String failure(Gate gate, Map<String, Object> figures) {
        if (!(figures.get(gate.metric()) instanceof Number number)) {
            return "gate [" + label(gate) + "] failed: " + gate.metric() + " is null (it could not be computed)";
        }
        return gate.holds(number.doubleValue()) ? null
                : "gate [" + label(gate) + "] failed: " + gate.metric() + " is " + String.format(Locale.ROOT, "%.4f", number.doubleValue());
    }

    /** The gate as the command line gave it: {@code autosxs_model_a_win_rate>=0.9}. */
    private static String label(Gate gate) {
        double value = gate.threshold();
        return gate.metric() + gate.comparison() + (value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value) : String.valueOf(value));
    }
}
