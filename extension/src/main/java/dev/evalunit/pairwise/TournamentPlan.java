package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A validated tournament: every pairing planned, nothing called.
 *
 * @param candidates the candidates' names, in grid order
 * @param pairings in the order of their tests
 */
@API(status = INTERNAL, since = "0.1")
public record TournamentPlan(String name, String baseline, List<String> candidates, List<Pairing> pairings,
                             int bootstrapRounds, long seed, Path reportDirectory) {
    public TournamentPlan {
        candidates = List.copyOf(candidates);
        pairings = List.copyOf(pairings);
    }

    /**
     * One pairing of a tournament: candidate A judged against candidate B.
     *
     * @param displayName the pairing's test name, e.g. {@code m2 vs m1} or {@code m2 vs m1 (repeat 2)}
     */
    public record Pairing(String displayName, PairwisePlan plan) {
    }
}
