package dev.evalunit.report;

import java.util.Locale;

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
}
