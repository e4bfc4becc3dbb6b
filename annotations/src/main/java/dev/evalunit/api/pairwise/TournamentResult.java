package dev.evalunit.api.pairwise;

import static org.apiguardian.api.API.Status.STABLE;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A finished pairwise tournament: its pairings and the candidates ranked by a Bradley-Terry fit over the
 * autorater's individual verdicts, as Arena-Hard scores models.
 *
 * @param name the tournament's name
 * @param baseline the candidate every score is measured against
 * @param standings the ranked candidates, best first
 * @param unranked candidates with no verdict linking them to the baseline (every judgment of theirs an
 *     {@code Error}), in declaration order; usually empty
 * @param pairings every pairing's result, in the order of their tests
 * @param bootstrapRounds the bootstrap rounds behind the intervals
 * @param seed the bootstrap's seed
 * @param reportDirectory the tournament's folder: {@code tournament.json} and one folder per pairing
 */
@API(status = STABLE, since = "0.1")
public record TournamentResult(String name, String baseline, List<TournamentStanding> standings, List<String> unranked,
                               List<PairwiseResult> pairings, int bootstrapRounds, long seed, Path reportDirectory) {

    /** The tournament file's name inside {@link #reportDirectory()}. */
    public static final String TOURNAMENT_FILE = "tournament.json";

    public TournamentResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseline, "baseline");
        standings = List.copyOf(standings);
        unranked = List.copyOf(unranked);
        pairings = List.copyOf(pairings);
    }

    /** The standing of the candidate called {@code model}, if it is ranked. */
    public Optional<TournamentStanding> standing(String model) {
        return standings.stream().filter(s -> s.model().equals(model)).findFirst();
    }

    /** The ranked candidates' names, best first. */
    public List<String> ranking() {
        return standings.stream().map(TournamentStanding::model).toList();
    }
}
