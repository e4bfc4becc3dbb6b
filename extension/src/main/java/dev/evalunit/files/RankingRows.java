package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One ranked model as the {@code rank} command prints it and {@code tournament.json} holds it:
 * {@code model}, then (in a tournament) {@code rank}, {@code score}, {@code ci_low}, {@code ci_high}, {@code battles}.
 */
@API(status = INTERNAL, since = "0.1")
public final class RankingRows {

    private RankingRows() {
    }

    /** @param rank the model's rank, or {@code null} to leave the field out (the {@code rank} command's output) */
    public static Map<String, Object> row(String model, Integer rank, double score, Double ciLow, Double ciHigh,
                                          int battles) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", model);
        if (rank != null) {
            row.put("rank", rank);
        }
        row.put("score", score);
        row.put("ci_low", ciLow);
        row.put("ci_high", ciHigh);
        row.put("battles", battles);
        return row;
    }
}
