package dev.evalunit.stats.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * One model's place in a {@link Ranking}.
 *
 * @param model the model's name
 * @param score the predicted probability that it beats the baseline, in [0, 1] (0.5 for the baseline)
 * @param ciLow the 2.5% percentile of the score over the bootstrap rounds ({@code null} when no round
 *     could score it)
 * @param ciHigh the 97.5% percentile, likewise
 * @param battles the battles the model took part in
 */
@API(status = INTERNAL, since = "0.1")
public record RankedModel(String model, double score, Double ciLow, Double ciHigh, int battles) {
}
