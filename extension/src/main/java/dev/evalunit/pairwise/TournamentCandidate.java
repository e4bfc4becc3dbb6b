package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One candidate of a tournament's grid.
 *
 * @param model the declared model's name
 * @param temperature the sampling temperature, or {@code null} when the grid has no temperature axis
 */
@API(status = INTERNAL, since = "0.1")
public record TournamentCandidate(String model, Double temperature) {

    /** The name in judgments, results and messages: {@code m1}, or {@code m1[temperature=0.2]}. */
    public String name() {
        return temperature == null ? model : model + "[temperature=" + temperature + "]";
    }
}
