package dev.evalunit.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.run.RunEvaluation;
import dev.evalunit.api.run.RunResult;
import dev.evalunit.api.spi.RunReporter;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Writes {@value #INDEX_FILE} into the run's report directory, beside {@code summary.md}: one self-contained
 * page (inline CSS and SVG, no script, no network) with the run's totals and one row per evaluation, all test
 * classes and forks: its gate outcome (coloured and as text), name linking to its page, kind, key figures
 * with their intervals and a small bar of its win rate or best mean. Every name and figure is escaped
 * ({@link Html#escape}); links are relative and percent-encoded, so a name never becomes markup or a
 * {@code javascript:} address.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunIndexReporter implements RunReporter {

    public static final String INDEX_FILE = "index.html";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Override
    public List<Path> report(RunResult run, Path directory) throws IOException {
        return ReportFile.write(directory, INDEX_FILE, render(run));
    }

    /** The page's HTML. */
    public static String render(RunResult run) {
        StringBuilder html = Page.start("evalunit run", 4096 + run.evaluations().size() * 768);
        html.append("<p class=\"lead totals\">").append(run.evaluations().size()).append(" evaluations: ")
                .append(run.count(RunEvaluation.PASS)).append(" passed, ").append(run.count(RunEvaluation.FAIL))
                .append(" failed");
        for (String other : List.of(RunEvaluation.ERROR, RunEvaluation.SKIPPED)) {
            long count = run.count(other);
            if (count > 0) {
                html.append(", ").append(count).append(' ').append(other.equals(RunEvaluation.ERROR) ? "in error" : "skipped");
            }
        }
        html.append(". Run started ").append(TIME.format(run.started())).append(", took ")
                .append(duration(run.duration())).append(".</p>\n")
                .append("<table class=\"figures runs\">\n<thead><tr><th scope=\"col\">outcome</th>")
                .append("<th scope=\"col\">evaluation</th><th scope=\"col\">kind</th>")
                .append("<th scope=\"col\">key figures (95% CI)</th><th scope=\"col\">at a glance</th></tr></thead>\n<tbody>\n");
        for (RunEvaluation evaluation : run.evaluations()) {
            appendRow(html, evaluation);
        }
        html.append("</tbody>\n</table>\n<p class=\"note\">One row per pairwise evaluation or experiment set of the run,")
                .append(" all test classes and forks. The bar is Model A's win rate, or a set's best mean of its first")
                .append(" metric when it lies between 0 and 1; the whisker its 95% interval.</p>\n");
        return Page.end(html, null);
    }

    private static void appendRow(StringBuilder html, RunEvaluation evaluation) {
        String outcome = evaluation.outcome().isEmpty() ? "pending" : evaluation.outcome();
        html.append("<tr class=\"run ").append(Html.escape(outcome)).append("\"><td><span class=\"outcome ")
                .append(Html.escape(outcome)).append("\">").append(Html.escape(outcome)).append("</span></td><td>");
        if (evaluation.report().isEmpty()) {
            html.append(Html.escape(evaluation.name()));
        } else {
            html.append("<a href=\"").append(Html.escape(href(evaluation.report()))).append("\">")
                    .append(Html.escape(evaluation.name())).append("</a>");
        }
        html.append("</td><td class=\"kind\">").append(Html.escape(evaluation.kind())).append("</td><td>")
                .append(Html.escape(evaluation.figures())).append("</td><td>");
        if (evaluation.share() != null) {
            appendBar(html, evaluation.share());
        }
        html.append("</td></tr>\n");
    }

    /** 120 by 14 pixels: the value as a bar, its interval as a whisker, the label and value as its tooltip. */
    private static void appendBar(StringBuilder html, RunEvaluation.Share share) {
        String text = share.label() + " " + Figures.percent(share.value())
                + (share.ciLow() == null || share.ciHigh() == null ? "" : " [" + Figures.percent(share.ciLow()) + ", " + Figures.percent(share.ciHigh()) + "]");
        html.append("<svg class=\"glance\" role=\"img\" width=\"120\" height=\"14\" viewBox=\"0 0 120 14\"><title>")
                .append(Html.escape(text)).append("</title><rect class=\"track\" x=\"0\" y=\"2\" width=\"120\" height=\"10\"/>")
                .append("<rect class=\"bar model-a\" x=\"0\" y=\"2\" width=\"")
                .append(RateChart.coordinate(RateChart.clamp(share.value()) * 120)).append("\" height=\"10\"/>");
        if (share.ciLow() != null && share.ciHigh() != null) {
            html.append("<line class=\"whisker\" x1=\"").append(RateChart.coordinate(RateChart.clamp(share.ciLow()) * 120))
                    .append("\" y1=\"7\" x2=\"").append(RateChart.coordinate(RateChart.clamp(share.ciHigh()) * 120))
                    .append("\" y2=\"7\"/>");
        }
        html.append("</svg>");
    }

    /** The relative address of a page, each segment percent-encoded: {@code a b:c/report.html} stays a file path. */
    static String href(String relativePath) {
        return Arrays.stream(relativePath.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }

    private static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
