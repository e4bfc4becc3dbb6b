package dev.evalunit.report;

import dev.evalunit.api.pairwise.JudgeBias;
import dev.evalunit.api.pairwise.SignTest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How the reports print figures: rates as percentages to one decimal, other values to three, n/a when missing. */
final class Figures {

    static final String MISSING = "n/a";

    private Figures() {
    }

    static String percent(Double rate) {
        return rate == null || !Double.isFinite(rate) ? MISSING : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    static String decimal(Double value) {
        return value == null || !Double.isFinite(value) ? MISSING : String.format(Locale.ROOT, "%.3f", value);
    }

    static String interval(Double low, Double high) {
        return low == null || high == null ? MISSING : percent(low) + " to " + percent(high);
    }

    static String decimalInterval(Double low, Double high) {
        return low == null || high == null ? MISSING : decimal(low) + " to " + decimal(high);
    }

    /** A share with its test: {@code 55.0% of 40 (p = 0.636)}. */
    static String tested(Double share, Double pValue, int n) {
        return share == null ? MISSING : percent(share) + " of " + n + " (p = " + decimal(pValue) + ")";
    }

    /** The sign test's rows, figure to value, as both reports show them. */
    static Map<String, String> significance(SignTest test) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("decisive examples (A or B)", test.decisiveCount() + " (A " + test.modelAWinCount()
                + ", B " + test.modelBWinCount() + ")");
        rows.put("exact sign test, two-sided p", decimal(test.pValue()));
        rows.put("smallest A−B difference detectable (p < 0.05)", percent(test.minimumDetectableDifference()));
        return rows;
    }

    /** The judge bias rows, figure to value, as both reports show them. */
    static Map<String, String> judgeBias(JudgeBias bias) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("answer shown first wins (decisive samples)", tested(bias.firstPositionWinRate(),
                bias.positionPValue(), bias.positionSampleCount()));
        rows.put("longer response wins (decisive examples)", tested(bias.longerWinRate(), bias.lengthPValue(),
                bias.lengthExampleCount()));
        rows.put("Model A win rate, length-adjusted (decisive)", percent(bias.lengthAdjustedModelAWinRate()));
        return rows;
    }
}
