package dev.evalunit.report;

import static dev.evalunit.report.Figures.percent;

import java.util.List;
import java.util.Locale;

/**
 * Rates from 0 to 100% as horizontal bars in inline SVG, each with its 95% interval as a whisker
 * when there is one, and optionally a dashed line at 50% (where a fair judge would be). Labels are
 * escaped: they may hold a model's name one day.
 */
final class RateChart {

    /** One bar; {@code low} and {@code high} are {@code null} without an interval, {@code value} when missing. */
    record Bar(String label, Double value, Double low, Double high, String cssClass) {
    }

    private static final int LABEL_WIDTH = 230;
    private static final int PLOT_WIDTH = 420;
    private static final int VALUE_WIDTH = 190;
    private static final int ROW_HEIGHT = 34;
    private static final int AXIS_HEIGHT = 22;

    private RateChart() {
    }

    static String svg(String title, List<Bar> bars, boolean halfLine) {
        int width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
        int height = bars.size() * ROW_HEIGHT + AXIS_HEIGHT;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" role=\"img\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\"><title>")
                .append(Html.escape(title)).append("</title>\n");
        int plotBottom = bars.size() * ROW_HEIGHT;
        for (int tick = 0; tick <= 100; tick += 25) {
            String x = x(tick / 100.0);
            svg.append("<line class=\"grid\" x1=\"").append(x).append("\" y1=\"0\" x2=\"").append(x)
                    .append("\" y2=\"").append(plotBottom).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(x).append("\" y=\"").append(plotBottom + 16)
                    .append("\" text-anchor=\"middle\">").append(tick).append("%</text>\n");
        }
        if (halfLine) {
            svg.append("<line class=\"half\" x1=\"").append(x(0.5)).append("\" y1=\"0\" x2=\"").append(x(0.5))
                    .append("\" y2=\"").append(plotBottom).append("\"/>\n");
        }
        for (int i = 0; i < bars.size(); i++) {
            appendBar(svg, bars.get(i), i * ROW_HEIGHT);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void appendBar(StringBuilder svg, Bar bar, int top) {
        int middle = top + ROW_HEIGHT / 2;
        svg.append("<text class=\"label\" x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(middle + 5)
                .append("\" text-anchor=\"end\">").append(Html.escape(bar.label())).append("</text>");
        boolean present = bar.value() != null && Double.isFinite(bar.value());
        if (present) {
            svg.append("<rect class=\"bar ").append(bar.cssClass()).append("\" x=\"").append(LABEL_WIDTH)
                    .append("\" y=\"").append(top + 7).append("\" width=\"").append(coordinate(clamp(bar.value()) * PLOT_WIDTH))
                    .append("\" height=\"").append(ROW_HEIGHT - 14).append("\"/>");
        }
        boolean interval = bar.low() != null && bar.high() != null;
        if (interval) {
            String low = x(clamp(bar.low()));
            String high = x(clamp(bar.high()));
            svg.append("<line class=\"whisker\" x1=\"").append(low).append("\" y1=\"").append(middle)
                    .append("\" x2=\"").append(high).append("\" y2=\"").append(middle).append("\"/>");
            for (String end : List.of(low, high)) {
                svg.append("<line class=\"whisker\" x1=\"").append(end).append("\" y1=\"").append(middle - 6)
                        .append("\" x2=\"").append(end).append("\" y2=\"").append(middle + 6).append("\"/>");
            }
        }
        String text = present ? percent(bar.value()) : Figures.MISSING;
        if (interval) {
            text += " [" + percent(bar.low()) + ", " + percent(bar.high()) + "]";
        }
        svg.append("<text class=\"value\" x=\"").append(LABEL_WIDTH + PLOT_WIDTH + 8).append("\" y=\"")
                .append(middle + 5).append("\">").append(Html.escape(text)).append("</text>\n");
    }

    private static String x(double rate) {
        return coordinate(LABEL_WIDTH + rate * PLOT_WIDTH);
    }

    static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static double clamp(double rate) {
        return Math.max(0, Math.min(1, rate));
    }
}
