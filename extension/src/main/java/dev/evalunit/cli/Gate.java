package dev.evalunit.cli;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold the merge holds every merged evaluation to: {@code --gate metric>=value} (also {@code >},
 * {@code <=}, {@code <}), on a figure of its {@code metrics.json}. A figure that is {@code null} (it could not
 * be computed) fails the gate.
 */
record Gate(String metric, String operator, double value) {

    private static final Pattern FORM = Pattern.compile("([A-Za-z0-9_]+)\\s*(>=|<=|>|<)\\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)");

    static Gate parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new Main.UsageException("option [--gate] needs metric>=value (or >, <=, <), e.g. autosxs_model_b_win_rate>=0.5,"
                    + " not [" + text + "]");
        }
        double value;
        try {
            value = Double.parseDouble(m.group(3));
        } catch (NumberFormatException e) {
            throw new Main.UsageException("option [--gate] needs a number after " + m.group(2) + ", not [" + m.group(3) + "]");
        }
        return new Gate(m.group(1), m.group(2), value);
    }

    /**
     * @param figures a merged evaluation's figures, by name
     * @return {@code null} when the gate holds, otherwise why it does not
     */
    String failure(Map<String, Object> figures) {
        if (!figures.containsKey(metric)) {
            return "gate [" + this + "] names no figure of metrics.json";
        }
        Object figure = figures.get(metric);
        if (!(figure instanceof Number number)) {
            return "gate [" + this + "] failed: " + metric + " is null (it could not be computed)";
        }
        double actual = number.doubleValue();
        boolean holds = switch (operator) {
            case ">=" -> actual >= value;
            case "<=" -> actual <= value;
            case ">" -> actual > value;
            default -> actual < value;
        };
        return holds ? null : "gate [" + this + "] failed: " + metric + " is " + String.format(Locale.ROOT, "%.4f", actual);
    }

    @Override
    public String toString() {
        return metric + operator + (value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value));
    }
}
