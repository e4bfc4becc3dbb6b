package dev.evalunit.stats.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Models ranked from judge verdicts as Arena-Hard does: a {@link BradleyTerry} fit over the battles,
 * each model scored by its predicted win rate against the baseline
 * ({@code 1 / (1 + 10^((R_baseline - R_model) / 400))}, which is the same number on the natural-log scale),
 * with 95% percentile intervals from a seeded bootstrap over the battles.
 *
 * @param baseline the model every score is measured against
 * @param models best first (by score, then by name)
 */
@API(status = INTERNAL, since = "0.1")
public record Ranking(String baseline, List<RankedModel> models) {

    /** Bootstrap rounds when none are given. */
    public static final int DEFAULT_ROUNDS = 100;
    /** Bootstrap seed when none is given. */
    public static final long DEFAULT_SEED = 0;

    public Ranking {
        models = List.copyOf(models);
    }

    /**
     * Ranks every model of {@code battles}. Each bootstrap round draws as many battles as there are, with
     * replacement ({@link Random} seeded with {@code seed}, so the same input gives the same intervals), fits
     * them again and scores the models linked to the baseline in that draw; a model's interval is the
     * 2.5% and 97.5% percentile (linear interpolation) of its scores over those rounds.
     *
     * @throws IllegalArgumentException when the baseline is in no battle or a model is not linked to it
     *     by a chain of battles: check with {@link BradleyTerry#connected} first to give a better message
     */
    public static Ranking of(List<Battle> battles, String baseline, int rounds, long seed) {
        Set<String> linked = BradleyTerry.connected(battles, baseline);
        if (!linked.equals(BradleyTerry.models(battles))) {
            throw new IllegalArgumentException("models not linked to baseline [" + baseline + "]");
        }
        Map<String, Integer> battleCounts = battleCounts(battles);
        Map<String, Double> scores = scores(battles, baseline);
        Map<String, List<Double>> resampled = new TreeMap<>();
        Random random = new Random(seed);
        List<Battle> draw = new ArrayList<>(battles.size());
        for (int round = 0; round < rounds; round++) {
            draw.clear();
            for (int i = 0; i < battles.size(); i++) {
                draw.add(battles.get(random.nextInt(battles.size())));
            }
            scores(draw, baseline).forEach((model, score) ->
                    resampled.computeIfAbsent(model, m -> new ArrayList<>()).add(score));
        }
        List<RankedModel> ranked = new ArrayList<>();
        scores.forEach((model, score) -> {
            List<Double> draws = resampled.getOrDefault(model, List.of());
            ranked.add(new RankedModel(model, score, percentile(draws, 0.025), percentile(draws, 0.975),
                    battleCounts.get(model)));
        });
        ranked.sort(Comparator.comparingDouble(RankedModel::score).reversed().thenComparing(RankedModel::model));
        return new Ranking(baseline, ranked);
    }

    /** The model in the most battles (the first by name among equals): the usual baseline of an arena. */
    public static String defaultBaseline(List<Battle> battles) {
        Map<String, Integer> counts = battleCounts(battles);
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalArgumentException("no battles"));
    }

    /** The scores of the models linked to the baseline in {@code battles}; none when the baseline is absent. */
    private static Map<String, Double> scores(List<Battle> battles, String baseline) {
        Map<String, Double> scores = new TreeMap<>();
        if (!BradleyTerry.models(battles).contains(baseline)) {
            return scores;
        }
        Map<String, Double> strengths = BradleyTerry.strengths(battles);
        double anchor = strengths.get(baseline);
        for (String model : BradleyTerry.connected(battles, baseline)) {
            scores.put(model, model.equals(baseline) ? 0.5 : BradleyTerry.winProbability(strengths.get(model), anchor));
        }
        return scores;
    }

    private static Map<String, Integer> battleCounts(List<Battle> battles) {
        Map<String, Integer> counts = new HashMap<>();
        for (Battle battle : battles) {
            counts.merge(battle.modelA(), 1, Integer::sum);
            counts.merge(battle.modelB(), 1, Integer::sum);
        }
        return counts;
    }

    /** The {@code q} quantile with linear interpolation between order statistics; {@code null} for none. */
    static Double percentile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        double h = (sorted.size() - 1) * q;
        int low = (int) Math.floor(h);
        int high = Math.min(low + 1, sorted.size() - 1);
        return sorted.get(low) + (h - low) * (sorted.get(high) - sorted.get(low));
    }
}
