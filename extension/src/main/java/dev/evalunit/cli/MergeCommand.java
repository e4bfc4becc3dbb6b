package dev.evalunit.cli;

import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.budget.ErrorBudget;
import dev.evalunit.budget.EvaluationInfrastructureException;
import dev.evalunit.config.ConfigurationException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code evalunit merge --output DIR SHARD_DIR...}: combines the files of the shards of a sharded run
 * ({@code evalunit.shard=K/N}) into the files a single run would have written, then applies the gates: the
 * error budget each shard recorded, and every {@code --gate}. Exits 0 when every gate holds, 1 when one
 * fails, 2 on bad input (a usage mistake, or shards that do not make up whole evaluations).
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
                    case "--gate" -> gates.add(Gate.parse(Main.value(args, ++i, option)));
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

    /** Merges, writes, gates; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        List<PairwiseResult> merged = new ArrayList<>();
        List<Double> budgets = new ArrayList<>();
        try {
            options = Options.parse(args);
            for (ShardedEvaluation evaluation : ShardedEvaluation.find(options.shards())) {
                PairwiseResult result = PairwiseMerge.merge(evaluation, options.output());
                merged.add(result);
                budgets.add(evaluation.parts().get(0).manifest().errorBudget());
                out.println("[evalunit] " + result.name() + ": merged " + evaluation.parts().size() + " shards, "
                        + result.judgments().size() + " judgments written to " + result.judgmentsFile());
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
        for (int i = 0; i < merged.size(); i++) {
            PairwiseResult result = merged.get(i);
            List<String> failures = new ArrayList<>();
            try {
                new ErrorBudget(budgets.get(i)).check(result);
            } catch (EvaluationInfrastructureException e) {
                failures.add(e.getMessage());
            }
            for (Gate gate : options.gates()) {
                String failure = gate.failure(result.metrics().asMap());
                if (failure != null) {
                    failures.add("evaluation [" + result.name() + "] " + failure);
                }
            }
            failures.forEach(err::println);
            failed += failures.isEmpty() ? 0 : 1;
        }
        out.println("[evalunit] merge: " + merged.size() + " evaluation" + (merged.size() == 1 ? "" : "s") + ", "
                + (failed == 0 ? "every gate holds" : failed + " failed a gate"));
        return failed == 0 ? Main.OK : Main.FAILED;
    }
}
