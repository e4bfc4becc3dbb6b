package dev.evalunit.cli;

import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.files.JudgmentsFile;
import dev.evalunit.files.RankingRows;
import dev.evalunit.files.ReadJudgments;
import dev.evalunit.files.SideNames;
import dev.evalunit.json.JsonWriting;
import dev.evalunit.stats.pairwise.Battle;
import dev.evalunit.stats.pairwise.BradleyTerry;
import dev.evalunit.stats.pairwise.RankedModel;
import dev.evalunit.stats.pairwise.Ranking;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code evalunit rank}: ranks the models that judgments files name ({@code model_a}, {@code model_b}) by a
 * Bradley-Terry fit over the judge's verdicts ({@link Ranking}), without calling any model, and prints
 * {@code {"baseline": ..., "ranking": [{"model", "score", "ci_low", "ci_high", "battles"}]}}.
 */
final class RankCommand {

    private RankCommand() {
    }

    /** The options of the {@code rank} command. */
    record Options(List<Path> judgments, String baseline, int rounds, long seed) {

        static Options parse(String[] args) {
            List<Path> judgments = new ArrayList<>();
            String baseline = null;
            int rounds = Ranking.DEFAULT_ROUNDS;
            long seed = Ranking.DEFAULT_SEED;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--judgments" -> {
                        judgments.add(Path.of(Main.value(args, ++i, option)));
                        while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                            judgments.add(Path.of(args[++i]));
                        }
                    }
                    case "--baseline" -> baseline = Main.value(args, ++i, option);
                    case "--bootstrap-rounds" -> rounds = (int) number(Main.value(args, ++i, option), option, 1,
                            Integer.MAX_VALUE);
                    case "--seed" -> seed = number(Main.value(args, ++i, option), option, Long.MIN_VALUE,
                            Long.MAX_VALUE);
                    default -> throw new Main.UsageException("unknown option [" + option + "]");
                }
            }
            if (judgments.isEmpty()) {
                throw new Main.UsageException("missing option [--judgments]");
            }
            return new Options(judgments, baseline, rounds, seed);
        }

        private static long number(String text, String option, long min, long max) {
            try {
                long value = Long.parseLong(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new Main.UsageException("option [" + option + "] needs a whole number" + (min == 1 ? " of 1 or more" : "")
                    + ", not [" + text + "]");
        }
    }

    /** Reads the files, ranks their models and prints the ranking. */
    static void run(Options options, PrintStream out) {
        List<Battle> battles = new ArrayList<>();
        Map<String, Set<Path>> filesOf = new LinkedHashMap<>();
        for (Path file : options.judgments()) {
            for (Battle battle : battles(file)) {
                battles.add(battle);
                filesOf.computeIfAbsent(battle.modelA(), m -> new LinkedHashSet<>()).add(file);
                filesOf.computeIfAbsent(battle.modelB(), m -> new LinkedHashSet<>()).add(file);
            }
        }
        if (battles.isEmpty()) {
            throw new ConfigurationException("judgments files " + files(options.judgments())
                    + " hold no verdict to rank: every judgment is an Error. Rank files with judged examples.");
        }
        String baseline = options.baseline() == null ? Ranking.defaultBaseline(battles) : options.baseline();
        if (!filesOf.containsKey(baseline)) {
            throw new ConfigurationException("baseline [" + baseline + "] is in no battle of judgments files "
                    + files(options.judgments()) + ". Models: " + String.join(", ", new TreeSet<>(filesOf.keySet()))
                    + ". Give one of them.");
        }
        Set<String> unlinked = new TreeSet<>(filesOf.keySet());
        unlinked.removeAll(BradleyTerry.connected(battles, baseline));
        if (!unlinked.isEmpty()) {
            Set<Path> where = new LinkedHashSet<>();
            unlinked.forEach(model -> where.addAll(filesOf.get(model)));
            throw new ConfigurationException("models [" + String.join(", ", unlinked) + "] of judgments files "
                    + files(where) + " are not connected to baseline [" + baseline + "] by any battle."
                    + " Add an evaluation that compares them with a ranked model, or rank them separately.");
        }
        out.println(text(Ranking.of(battles, baseline, options.rounds(), options.seed())));
    }

    /** The battles of one file; every judgment must name both models. */
    private static List<Battle> battles(Path file) {
        ReadJudgments read = JudgmentsFile.read(file, null);
        List<Battle> battles = new ArrayList<>();
        for (int i = 0; i < read.judgments().size(); i++) {
            Judgment judgment = read.judgments().get(i);
            SideNames sides = read.sides().get(i);
            if (!sides.complete()) {
                String missing = sides.modelA() == null ? JudgmentsFile.MODEL_A : JudgmentsFile.MODEL_B;
                throw new ConfigurationException("judgments file [" + file + "] example [" + judgment.idLabel()
                        + "] does not name its models: field [" + missing + "] is missing. Rank files written by"
                        + " an evalunit that records model_a and model_b, or add both fields to every line.");
            }
            if (sides.modelA().equals(sides.modelB())) {
                throw new ConfigurationException("judgments file [" + file + "] example [" + judgment.idLabel()
                        + "] names model [" + sides.modelA() + "] on both sides. Give the two sides different names.");
            }
            battles.addAll(Battle.of(judgment, sides.modelA(), sides.modelB()));
        }
        return battles;
    }

    private static String files(Iterable<Path> files) {
        List<String> names = new ArrayList<>();
        files.forEach(file -> names.add(file.toString()));
        return "[" + String.join(", ", names) + "]";
    }

    /** The ranking as pretty JSON, without a final line end. */
    static String text(Ranking ranking) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("baseline", ranking.baseline());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RankedModel model : ranking.models()) {
            rows.add(RankingRows.row(model.model(), null, model.score(), model.ciLow(), model.ciHigh(), model.battles()));
        }
        json.put("ranking", rows);
        return JsonWriting.prettyText(json);
    }
}
