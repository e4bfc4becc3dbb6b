package dev.evalunit.metrics;

/**
 * What a judge's reply says.
 *
 * @param score the score as given, not yet checked against the metric's scale
 * @param reason the judge's reason, {@code ""} when it gave none
 */
record JudgeScore(double score, String reason) {
}
