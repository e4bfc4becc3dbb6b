package dev.evalunit.api.pairwise;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One candidate's place in a {@link TournamentResult}.
 *
 * @param model the candidate's name, as in the judgments' {@code model_a} / {@code model_b}
 * @param rank 1 for the best; by score, then by name
 * @param score the Bradley-Terry predicted probability that the candidate beats the baseline, in [0, 1]
 *     (0.5 for the baseline itself)
 * @param ciLow the 2.5% percentile of the score over the bootstrap rounds, {@code null} when no round scored it
 * @param ciHigh the 97.5% percentile, likewise
 * @param battles the autorater verdicts (valid samples) the candidate took part in; a tie counts half a win
 */
@API(status = STABLE, since = "0.1")
public record TournamentStanding(String model, int rank, double score, Double ciLow, Double ciHigh, int battles) {
    public TournamentStanding {
        Objects.requireNonNull(model, "model");
    }
}
