package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.TournamentResult;
import dev.evalunit.api.pairwise.TournamentStanding;
import dev.evalunit.stats.pairwise.Battle;
import dev.evalunit.stats.pairwise.BradleyTerry;
import dev.evalunit.stats.pairwise.RankedModel;
import dev.evalunit.stats.pairwise.Ranking;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A tournament's result from its pairings: every valid autorater sample of every pairing is one battle
 * ({@link Battle}), ranked by {@link Ranking} (Bradley-Terry, scores against the baseline, seeded bootstrap).
 */
@API(status = INTERNAL, since = "0.1")
public final class TournamentRanking {

    private TournamentRanking() {
    }

    /** @param pairings the results of {@code plan}'s pairings, in its order */
    public static TournamentResult of(TournamentPlan plan, List<PairwiseResult> pairings) {
        List<Battle> battles = new ArrayList<>();
        for (PairwiseResult pairing : pairings) {
            for (Judgment judgment : pairing.judgments()) {
                battles.addAll(Battle.of(judgment, pairing.modelA(), pairing.modelB()));
            }
        }
        // A candidate whose every judgment is an Error has no verdict to rank: it is listed as unranked.
        Set<String> linked = BradleyTerry.connected(battles, plan.baseline());
        List<Battle> ranked = battles.stream().filter(b -> linked.contains(b.modelA())).toList();
        List<TournamentStanding> standings = new ArrayList<>();
        if (!ranked.isEmpty()) {
            List<RankedModel> models = Ranking.of(ranked, plan.baseline(), plan.bootstrapRounds(), plan.seed()).models();
            for (int i = 0; i < models.size(); i++) {
                RankedModel m = models.get(i);
                standings.add(new TournamentStanding(m.model(), i + 1, m.score(), m.ciLow(), m.ciHigh(), m.battles()));
            }
        }
        List<String> unranked = plan.candidates().stream()
                .filter(c -> standings.stream().noneMatch(s -> s.model().equals(c))).toList();
        return new TournamentResult(plan.name(), plan.baseline(), standings, unranked, pairings, plan.bootstrapRounds(),
                plan.seed(), plan.reportDirectory());
    }
}
