package dev.evalunit.report;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.JudgeBias;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.SignTest;
import dev.evalunit.api.spi.PairwiseReporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Writes {@value #REPORT_FILE}: one self-contained page (inline CSS, SVG and a little script; no
 * network) for a person to open in a browser: the win rates of A, B and ties as bars with their 95%
 * intervals, the sign test, the judge's position and length bias, the agreement with humans and its
 * confusion matrix when there are human preferences, and every example side by side, filterable to
 * disagreements with humans, errors and low confidence. Every text from a model or a dataset is
 * escaped ({@link Html#escape}): it shows as text and runs nothing.
 */
@API(status = INTERNAL, since = "0.1")
public final class HtmlReporter implements PairwiseReporter {

    public static final String REPORT_FILE = "report.html";

    private static final String SCRIPT = Page.resource("report.js");

    @Override
    public List<Path> report(PairwiseResult result, Path directory) throws IOException {
        return ReportFile.write(directory, REPORT_FILE, render(result));
    }

    /** The page's HTML. */
    public static String render(PairwiseResult result) {
        PairwiseMetrics metrics = result.metrics();
        String title = "Pairwise evaluation: " + result.name() + (result.task() == null ? "" : " (" + result.task() + ")");
        StringBuilder html = Page.start(title, 8192 + ExampleTable.rowsAtMost(result.judgments().size()) * 1024);
        html.append("<p class=\"lead\">").append(metrics.exampleCount()).append(" examples; errors: ")
                .append(metrics.errorCount()).append(". Rates are over the examples that are not errors.</p>\n");
        appendWinRates(html, metrics);
        appendSignificance(html, metrics.signTest());
        appendJudgeBias(html, metrics.judgeBias());
        if (result.humanPreferenceColumn() != null) {
            HumanAgreement.append(html, result);
        }
        UsageTable.html(html, result.usage());
        ExampleTable.append(html, result);
        return Page.end(html, SCRIPT);
    }

    private static void appendWinRates(StringBuilder html, PairwiseMetrics metrics) {
        html.append("<section id=\"win-rates\">\n<h2>Who wins?</h2>\n").append(RateChart.svg(
                "Win and tie rates with 95% Wilson intervals", List.of(
                        new RateChart.Bar("Model A wins", metrics.modelAWinRate(), metrics.modelAWinRateCiLow(),
                                metrics.modelAWinRateCiHigh(), "model-a"),
                        new RateChart.Bar("Model B wins", metrics.modelBWinRate(), metrics.modelBWinRateCiLow(),
                                metrics.modelBWinRateCiHigh(), "model-b"),
                        new RateChart.Bar("Tie", metrics.tieRate(), metrics.tieRateCiLow(), metrics.tieRateCiHigh(),
                                "tie"),
                        new RateChart.Bar("Position consistency", metrics.positionConsistency(), null, null,
                                "consistency")), false))
                .append("<p class=\"note\">Bars are rates over the examples that are not errors; whiskers their"
                        + " 95% Wilson intervals. Position consistency is the share of examples whose votes agree"
                        + " when A and B swap places.</p>\n</section>\n");
    }

    private static void appendSignificance(StringBuilder html, SignTest test) {
        html.append("<section id=\"significance\">\n<h2>Is A better than B?</h2>\n<table class=\"figures\">\n");
        Figures.significance(test).forEach((figure, value) -> row(html, figure, value));
        html.append("</table>\n<p class=\"note\">The sign test leaves ties out; the smallest difference is"
                + " (A wins − B wins) / decisive examples that this many decisive examples need to reach"
                + " p &lt; 0.05.</p>\n</section>\n");
    }

    private static void appendJudgeBias(StringBuilder html, JudgeBias bias) {
        html.append("<section id=\"judge-bias\">\n<h2>Judge bias</h2>\n").append(RateChart.svg(
                "Judge bias: a fair judge is near 50%", List.of(
                        new RateChart.Bar("Answer shown first wins", bias.firstPositionWinRate(), null, null, "bias"),
                        new RateChart.Bar("Longer response wins", bias.longerWinRate(), null, null, "bias"),
                        new RateChart.Bar("A wins, length-adjusted", bias.lengthAdjustedModelAWinRate(), null, null,
                                "model-a")), true))
                .append("<table class=\"figures\">\n");
        Figures.judgeBias(bias).forEach((figure, value) -> row(html, figure, value));
        html.append("</table>\n<p class=\"note\">A fair judge is near 50% (the dashed line) on both; p is the"
                + " two-sided exact test against 50%.</p>\n</section>\n");
    }

    /** A row of a figures table; both texts are the report's own or numbers. */
    static void row(StringBuilder html, String figure, String value) {
        html.append("<tr><th scope=\"row\">").append(Html.escape(figure)).append("</th><td>")
                .append(Html.escape(value)).append("</td></tr>\n");
    }
}
