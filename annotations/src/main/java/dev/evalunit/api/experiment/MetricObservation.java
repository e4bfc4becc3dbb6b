package dev.evalunit.api.experiment;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * One metric's observation of one row.
 *
 * @param score the score, or {@code null} when it could not be computed
 * @param judgeText the judge's raw reply for judge metrics, else {@code null}
 * @param error why there is no score (always set when {@code score} is null), else {@code null}
 */
@API(status = STABLE, since = "0.1")
public record MetricObservation(Double score, String judgeText, String error) {
    public MetricObservation {
        if (score == null && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("an observation without a score must say why");
        }
        if (score != null && (score.isNaN() || score.isInfinite())) {
            throw new IllegalArgumentException("a score must be a finite number: " + score);
        }
    }

    public static MetricObservation of(double score) {
        return new MetricObservation(score, null, null);
    }

    public static MetricObservation judged(double score, String judgeText) {
        return new MetricObservation(score, judgeText, null);
    }

    public static MetricObservation failed(String error, String judgeText) {
        return new MetricObservation(null, judgeText, error);
    }

    public boolean hasScore() {
        return score != null;
    }
}
