package dev.evalunit.api.run;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * One evaluation of a test run, as the run-level summary and index show it: a pairwise evaluation or an
 * experiment set, its gate outcome, its key figures with their 95% intervals as one line of text, and the
 * link to its page.
 *
 * @param kind {@value #PAIRWISE} or {@value #SET}
 * @param name the pairwise evaluation's or the set's name (from the user: show it escaped)
 * @param outcome the gate: {@value #PASS}, {@value #FAIL} (an assertion failed), {@value #ERROR} (anything
 *     else failed), {@value #SKIPPED} (aborted), or empty while its test has not finished
 * @param figures the key figures with their intervals, e.g. {@code A wins 50.0% [15.0%, 85.0%]; 0/4 errors}
 * @param report the evaluation's page ({@code report.html} or {@code set-report.html}) relative to the report
 *     directory, with {@code /} as separator; empty when no reporter wrote one
 * @param share the one figure to draw as a bar, or {@code null}: Model A's win rate, or the best
 *     configuration's mean of a set's first metric when it lies between 0 and 1
 */
@API(status = STABLE, since = "0.1")
public record RunEvaluation(String kind, String name, String outcome, String figures, String report, Share share) {

    public static final String PAIRWISE = "pairwise";
    public static final String SET = "set";
    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String ERROR = "error";
    public static final String SKIPPED = "skipped";

    /** The same evaluation with the gate outcome {@code value}. */
    public RunEvaluation withOutcome(String value) {
        return new RunEvaluation(kind, name, value, figures, report, share);
    }

    /**
     * A figure between 0 and 1 with its 95% interval ({@code null} bounds when there is none).
     *
     * @param label what the figure is, e.g. {@code A wins} or {@code exact_match: model=m2}
     */
    @API(status = STABLE, since = "0.1")
    public record Share(String label, double value, Double ciLow, Double ciHigh) {
    }
}
