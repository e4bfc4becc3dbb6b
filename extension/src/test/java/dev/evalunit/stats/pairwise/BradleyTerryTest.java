package dev.evalunit.stats.pairwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.Vote;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The Bradley-Terry ranking")
class BradleyTerryTest {

    /** The anchor moves a win probability by less than this. */
    private static final Offset<Double> CLOSE = Offset.offset(1e-6);

    /** {@code aWins} battles won by A, {@code bWins} by B, {@code ties} tied, between {@code a} and {@code b}. */
    static List<Battle> battles(String a, String b, int aWins, int bWins, int ties) {
        List<Battle> battles = new ArrayList<>();
        for (int i = 0; i < aWins; i++) {
            battles.add(new Battle(a, b, 1));
        }
        for (int i = 0; i < bWins; i++) {
            battles.add(new Battle(a, b, 0));
        }
        for (int i = 0; i < ties; i++) {
            battles.add(new Battle(a, b, 0.5));
        }
        return battles;
    }

    @SafeVarargs
    private static List<Battle> all(List<Battle>... groups) {
        List<Battle> all = new ArrayList<>();
        for (List<Battle> group : groups) {
            all.addAll(group);
        }
        return all;
    }

    /**
     * An independent fit: Hunter's (2004) minorisation-maximisation iteration for the plain, unanchored
     * Bradley-Terry likelihood, ties counted as half a win for each side; strengths on the linear scale.
     */
    private static Map<String, Double> hunterStrengths(List<Battle> battles) {
        Map<String, Double> wins = new TreeMap<>();
        for (Battle battle : battles) {
            wins.merge(battle.modelA(), battle.scoreA(), Double::sum);
            wins.merge(battle.modelB(), 1 - battle.scoreA(), Double::sum);
        }
        Map<String, Double> pi = new TreeMap<>();
        wins.keySet().forEach(model -> pi.put(model, 1.0));
        for (int iteration = 0; iteration < 20_000; iteration++) {
            Map<String, Double> denominators = new TreeMap<>();
            for (Battle battle : battles) {
                double share = 1 / (pi.get(battle.modelA()) + pi.get(battle.modelB()));
                denominators.merge(battle.modelA(), share, Double::sum);
                denominators.merge(battle.modelB(), share, Double::sum);
            }
            double total = 0;
            for (String model : pi.keySet()) {
                double next = wins.get(model) / denominators.get(model);
                pi.put(model, next);
                total += next;
            }
            double sum = total;
            pi.replaceAll((model, value) -> value / sum);
        }
        return pi;
    }

    @Nested
    @DisplayName("the fit")
    class Fit {

        @Test
        @DisplayName("with two models, scores A at its share of the battles, (wins + ties / 2) / battles")
        void twoModels() {
            List<Battle> battles = battles("a", "b", 7, 2, 1);

            Ranking againstB = Ranking.of(battles, "b", 10, 0);
            Ranking againstA = Ranking.of(battles, "a", 10, 0);

            assertThat(againstB.models()).extracting(RankedModel::model).containsExactly("a", "b");
            assertThat(againstB.models().get(0).score()).isCloseTo(7.5 / 10, CLOSE);
            assertThat(againstB.models().get(1).score()).isEqualTo(0.5);
            assertThat(againstA.models()).extracting(RankedModel::model).containsExactly("a", "b");
            assertThat(againstA.models().get(1).score()).isCloseTo(2.5 / 10, CLOSE);
        }

        @Test
        @DisplayName("the side a model played does not matter: b-vs-a battles count as a-vs-b ones")
        void sides() {
            List<Battle> mixed = all(battles("a", "b", 4, 1, 0), battles("b", "a", 2, 3, 1));

            assertThat(Ranking.of(mixed, "b", 1, 0).models().get(0).score()).isCloseTo(7.5 / 11, CLOSE);
        }

        @Test
        @DisplayName("with four models and a missing pair, agrees with an independent (Hunter MM) fit")
        void agreesWithHunter() {
            List<Battle> battles = all(battles("a", "b", 6, 3, 1), battles("b", "c", 5, 4, 2),
                    battles("c", "a", 2, 7, 0), battles("c", "d", 3, 4, 1));
            Map<String, Double> pi = hunterStrengths(battles);

            Ranking ranking = Ranking.of(battles, "c", 20, 0);

            for (RankedModel model : ranking.models()) {
                double expected = pi.get(model.model()) / (pi.get(model.model()) + pi.get("c"));
                assertThat(model.score()).as(model.model()).isCloseTo(expected, CLOSE);
            }
            assertThat(ranking.models()).extracting(RankedModel::model).containsExactly("a", "b", "d", "c");
        }

        @Test
        @DisplayName("matches Arena-Hard's Elo-style convention: 1 / (1 + 10^((R_baseline - R_model) / 400))")
        void eloConvention() {
            List<Battle> battles = all(battles("a", "b", 6, 3, 1), battles("b", "c", 5, 4, 2));
            Map<String, Double> theta = BradleyTerry.strengths(battles);
            // Arena-Hard's ratings: init 1000, scale 400, base 10.
            Map<String, Double> rating = new TreeMap<>();
            theta.forEach((model, t) -> rating.put(model, 1000 + 400 * t / Math.log(10)));

            double elo = 1 / (1 + Math.pow(10, (rating.get("c") - rating.get("a")) / 400));

            assertThat(Ranking.of(battles, "c", 1, 0).models().get(0).score()).isCloseTo(elo, Offset.offset(1e-12));
        }

        @Test
        @DisplayName("a model that never wins gets a score near 0 (the anchor keeps it finite), not NaN")
        void neverWins() {
            Ranking ranking = Ranking.of(battles("a", "b", 0, 5, 0), "b", 20, 0);

            RankedModel a = ranking.models().get(1);
            assertThat(a.model()).isEqualTo("a");
            assertThat(a.score()).isBetween(0.0, 1e-5);
            assertThat(a.ciLow()).isBetween(0.0, 1e-5);
            assertThat(a.ciHigh()).isBetween(0.0, 1e-5);
        }

        @Test
        @DisplayName("counts each model's battles")
        void battleCounts() {
            List<Battle> battles = all(battles("a", "b", 6, 3, 1), battles("b", "c", 5, 4, 2));

            assertThat(Ranking.of(battles, "b", 5, 0).models()).extracting(RankedModel::model, RankedModel::battles)
                    .containsExactlyInAnyOrder(tuple("a", 10), tuple("b", 21), tuple("c", 11));
        }

        @Test
        @DisplayName("takes the model in most battles as the default baseline, the first by name among equals")
        void defaultBaseline() {
            assertThat(Ranking.defaultBaseline(all(battles("a", "b", 6, 3, 1), battles("b", "c", 5, 4, 2))))
                    .isEqualTo("b");
            assertThat(Ranking.defaultBaseline(battles("z", "y", 1, 1, 0))).isEqualTo("y");
        }

        @Test
        @DisplayName("refuses models not linked to the baseline")
        void unlinked() {
            List<Battle> battles = all(battles("a", "b", 1, 1, 0), battles("c", "d", 1, 1, 0));

            assertThat(BradleyTerry.connected(battles, "a")).containsExactly("a", "b");
            assertThatThrownBy(() -> Ranking.of(battles, "a", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("the bootstrap intervals")
    class Bootstrap {

        private final List<Battle> battles = all(battles("a", "b", 6, 3, 1), battles("b", "c", 5, 4, 2),
                battles("c", "a", 2, 7, 0));

        @Test
        @DisplayName("are the same numbers twice for one seed, and different for another seed")
        void reproducible() {
            Ranking once = Ranking.of(battles, "b", 100, 0);
            Ranking twice = Ranking.of(battles, "b", 100, 0);
            Ranking otherSeed = Ranking.of(battles, "b", 100, 1);

            assertThat(twice).isEqualTo(once);
            assertThat(otherSeed.models()).extracting(RankedModel::model, RankedModel::score)
                    .isEqualTo(once.models().stream().map(m -> tuple(m.model(), m.score())).toList());
            assertThat(otherSeed.models()).extracting(RankedModel::ciLow)
                    .isNotEqualTo(once.models().stream().map(RankedModel::ciLow).toList());
        }

        @Test
        @DisplayName("surround each score, and are the single point 0.5 for the baseline")
        void surround() {
            for (RankedModel model : Ranking.of(battles, "b", 200, 7).models()) {
                assertThat(model.ciLow()).as(model.model()).isLessThanOrEqualTo(model.score());
                assertThat(model.ciHigh()).as(model.model()).isGreaterThanOrEqualTo(model.score());
                if (model.model().equals("b")) {
                    assertThat(model).extracting(RankedModel::ciLow, RankedModel::ciHigh).containsExactly(0.5, 0.5);
                } else {
                    assertThat(model.ciHigh() - model.ciLow()).as(model.model()).isGreaterThan(0.1);
                }
            }
        }

        @Test
        @DisplayName("take the 2.5% and 97.5% percentiles with linear interpolation")
        void percentiles() {
            List<Double> values = List.of(5.0, 1.0, 3.0, 2.0, 4.0);

            assertThat(Ranking.percentile(values, 0.025)).isCloseTo(1.1, Offset.offset(1e-12));
            assertThat(Ranking.percentile(values, 0.975)).isCloseTo(4.9, Offset.offset(1e-12));
            assertThat(Ranking.percentile(List.of(), 0.5)).isNull();
        }
    }

    @Nested
    @DisplayName("the battles of a judgment")
    class Battles {

        @Test
        @DisplayName("are its samples that are not errors: a win, a loss, or a tie counting half")
        void samples() {
            Judgment judgment = new Judgment(Map.of("id", 1), "i", "c", "x", "y", Choice.MODEL_A, 0.5, "",
                    List.of(new AutoraterSample(Position.AB, Vote.A, ""), new AutoraterSample(Position.BA, Vote.B, ""),
                            new AutoraterSample(Position.AB, Vote.TIE, ""), new AutoraterSample(Position.BA, Vote.ERROR, "")),
                    null);

            assertThat(Battle.of(judgment, "m1", "m2")).containsExactly(new Battle("m1", "m2", 1),
                    new Battle("m1", "m2", 0), new Battle("m1", "m2", 0.5));
        }

        @Test
        @DisplayName("are its choice once when it has no samples, and none for an Error")
        void choiceOnly() {
            Judgment tie = new Judgment(Map.of(), null, null, "x", "y", Choice.TIE, 1.0, "", List.of(), null);
            Judgment error = Judgment.error(Map.of(), null, null, "x", null, "side B failed", List.of(), null);

            assertThat(Battle.of(tie, "m1", "m2")).containsExactly(new Battle("m1", "m2", 0.5));
            assertThat(Battle.of(error, "m1", "m2")).isEmpty();
        }
    }
}
