package dev.evalunit.report;

import static dev.evalunit.report.Figures.decimal;

import java.util.List;
import java.util.Locale;

/**
 * Means on a metric's own scale as dots in inline SVG, each with its 95% interval as a whisker when
 * there is one: one row per configuration. The axis spans the dots and whiskers in round steps (from 0 when every
 * value is positive and near it); the best row's dot is marked. Labels are escaped and shortened in
 * the middle to fit, the whole label being the row's tooltip.
 */
final class MeanChart {

    /** One row; {@code low} and {@code high} are {@code null} without an interval, {@code mean} when missing. */
    record Dot(String label, Double mean, Double low, Double high, boolean best) {
    }

    static final int MAX_LABEL_LENGTH = 40;

    private static final int LABEL_WIDTH = 330;
    private static final int PLOT_WIDTH = 420;
    private static final int VALUE_WIDTH = 210;
    private static final int ROW_HEIGHT = 28;
    private static final int AXIS_HEIGHT = 22;
    private static final int TICKS = 4;

    private MeanChart() {
    }

    static String svg(String title, List<Dot> dots) {
        double[] range = range(dots);
        int width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
        int plotBottom = dots.size() * ROW_HEIGHT;
        int height = plotBottom + AXIS_HEIGHT;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\"><title>")
                .append(Html.escape(title)).append("</title>\n");
        for (int tick = 0; tick <= TICKS; tick++) {
            double value = range[0] + (range[1] - range[0]) * tick / TICKS;
            String x = x(value, range);
            svg.append("<line class=\"grid\" x1=\"").append(x).append("\" y1=\"0\" x2=\"").append(x)
                    .append("\" y2=\"").append(plotBottom).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(x).append("\" y=\"").append(plotBottom + 16)
                    .append("\" text-anchor=\"middle\">").append(tick(value)).append("</text>\n");
        }
        for (int i = 0; i < dots.size(); i++) {
            appendDot(svg, dots.get(i), i * ROW_HEIGHT, range);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void appendDot(StringBuilder svg, Dot dot, int top, double[] range) {
        int middle = top + ROW_HEIGHT / 2;
        svg.append("<g><title>").append(Html.escape(dot.label())).append("</title><text class=\"label\" x=\"")
                .append(LABEL_WIDTH - 8).append("\" y=\"").append(middle + 5).append("\" text-anchor=\"end\">")
                .append(Html.escape(shortened(dot.label()))).append("</text>");
        boolean interval = dot.low() != null && dot.high() != null;
        if (interval) {
            String low = x(dot.low(), range);
            String high = x(dot.high(), range);
            svg.append("<line class=\"whisker\" x1=\"").append(low).append("\" y1=\"").append(middle)
                    .append("\" x2=\"").append(high).append("\" y2=\"").append(middle).append("\"/>");
            for (String end : List.of(low, high)) {
                svg.append("<line class=\"whisker\" x1=\"").append(end).append("\" y1=\"").append(middle - 5)
                        .append("\" x2=\"").append(end).append("\" y2=\"").append(middle + 5).append("\"/>");
            }
        }
        if (dot.mean() != null) {
            svg.append("<circle class=\"dot").append(dot.best() ? " best" : "").append("\" cx=\"")
                    .append(x(dot.mean(), range)).append("\" cy=\"").append(middle).append("\" r=\"5\"/>");
        }
        String text = decimal(dot.mean());
        if (interval) {
            text += " [" + decimal(dot.low()) + ", " + decimal(dot.high()) + "]";
        }
        svg.append("<text class=\"value\" x=\"").append(LABEL_WIDTH + PLOT_WIDTH + 8).append("\" y=\"")
                .append(middle + 5).append("\">").append(Html.escape(text)).append("</text></g>\n");
    }

    /**
     * The label cut to {@value #MAX_LABEL_LENGTH} characters by an ellipsis in its middle (its start and its
     * end, where a grid's last axis is, stay), never inside a character.
     */
    static String shortened(String label) {
        if (label == null || label.length() <= MAX_LABEL_LENGTH) {
            return label;
        }
        int head = (MAX_LABEL_LENGTH - 1) / 2;
        int tail = label.length() - (MAX_LABEL_LENGTH - 1 - head);
        if (Character.isHighSurrogate(label.charAt(head - 1))) {
            head--;
        }
        if (Character.isLowSurrogate(label.charAt(tail))) {
            tail++;
        }
        return label.substring(0, head) + "…" + label.substring(tail);
    }

    /**
     * The axis: from a round value at or below every finite mean and interval bound (0 when every value is
     * positive and 0 is near) to one at or above them, in {@value #TICKS} round steps.
     */
    private static double[] range(List<Dot> dots) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Dot dot : dots) {
            for (Double value : new Double[] {dot.mean(), dot.low(), dot.high()}) {
                if (value != null && Double.isFinite(value)) {
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
        }
        if (low > high) {
            return new double[] {0, 1};
        }
        if (low > 0 && low < (high - low)) {
            low = 0;
        }
        if (high - low < 1e-9) {
            double pad = Math.max(Math.abs(high) * 0.1, 0.5);
            low -= pad;
            high += pad;
        }
        double step = roundStep((high - low) / TICKS);
        double start = Math.floor(low / step) * step;
        while (start + step * TICKS < high) {
            step = roundStep(step * 1.01);
            start = Math.floor(low / step) * step;
        }
        return new double[] {start, start + step * TICKS};
    }

    /** The smallest 1, 2, 2.5 or 5 times a power of ten at or above {@code step}. */
    private static double roundStep(double step) {
        double power = Math.pow(10, Math.floor(Math.log10(step)));
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (factor * power >= step * (1 - 1e-9)) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static String x(double value, double[] range) {
        double share = (value - range[0]) / (range[1] - range[0]);
        return String.format(Locale.ROOT, "%.1f", LABEL_WIDTH + Math.max(0, Math.min(1, share)) * PLOT_WIDTH);
    }

    /** A tick's value with as few decimals as its step needs. */
    private static String tick(double value) {
        String text = String.format(Locale.ROOT, "%.3f", value + 0.0);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
