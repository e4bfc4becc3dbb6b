package dev.evalunit.report;

import static dev.evalunit.report.Figures.percent;

import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseResult;
import java.util.Locale;

/**
 * The report's examples, side by side, one row each: ids, instruction and context, both responses,
 * the verdict (choice, human preference, confidence), the explanation and each sample's vote. Each
 * row carries what the page's filters read ({@code data-error}, {@code data-disagree},
 * {@code data-confidence}); every text in it is escaped.
 */
final class ExampleTable {

    /** The low-confidence filter's threshold until the reader changes it. */
    static final String DEFAULT_LOW_CONFIDENCE = "0.75";

    private ExampleTable() {
    }

    static void append(StringBuilder html, PairwiseResult result) {
        boolean withHuman = result.humanPreferenceColumn() != null;
        html.append("<section id=\"examples\">\n<h2>Examples</h2>\n<form class=\"filters\" id=\"filters\">")
                .append(filter("all", "all", true));
        if (withHuman) {
            html.append(filter("disagreements", "disagreements with humans", false));
        }
        html.append(filter("errors", "errors", false))
                .append(filter("low-confidence", "confidence at most", false))
                .append("<input type=\"number\" id=\"low-confidence\" min=\"0\" max=\"1\" step=\"0.05\" value=\"")
                .append(DEFAULT_LOW_CONFIDENCE).append("\" aria-label=\"confidence threshold\">")
                .append("<output id=\"shown\">").append(result.judgments().size()).append(" of ")
                .append(result.judgments().size()).append(" shown</output></form>\n")
                .append("<table class=\"examples\">\n<thead><tr><th>ids</th><th>instruction and context</th>")
                .append("<th>Model A</th><th>Model B</th><th>verdict</th><th>explanation and samples</th></tr></thead>\n<tbody>\n");
        for (Judgment judgment : result.judgments()) {
            appendRow(html, judgment, withHuman);
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static String filter(String value, String label, boolean checked) {
        return "<label><input type=\"radio\" name=\"filter\" id=\"filter-" + value + "\" value=\"" + value + "\""
                + (checked ? " checked" : "") + "> " + label + "</label>";
    }

    private static void appendRow(StringBuilder html, Judgment judgment, boolean withHuman) {
        html.append("<tr class=\"example ").append(judgment.choice().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .append("\" data-error=\"").append(judgment.isError())
                .append("\" data-disagree=\"").append(withHuman && SummaryReporter.disagreesWithHuman(judgment))
                .append("\" data-confidence=\"").append(judgment.confidence() == null ? "" : judgment.confidence())
                .append("\">\n<td class=\"ids\">").append(Html.escape(judgment.idLabel())).append("</td>\n")
                .append("<td><div class=\"text\">").append(Html.escape(judgment.inferenceInstruction()))
                .append("</div><div class=\"text context\">").append(Html.escape(judgment.inferenceContext()))
                .append("</div></td>\n<td class=\"text response\">").append(Html.escape(judgment.responseA()))
                .append("</td>\n<td class=\"text response\">").append(Html.escape(judgment.responseB()))
                .append("</td>\n<td class=\"verdict\"><strong>").append(judgment.choice().label()).append("</strong>");
        if (withHuman) {
            html.append("<br>human: ").append(judgment.humanPreference() == null ? Figures.MISSING
                    : Html.escape(judgment.humanPreference()));
        }
        html.append("<br>confidence: ").append(percent(judgment.confidence()))
                .append("</td>\n<td><div class=\"text\">").append(Html.escape(judgment.explanation()))
                .append("</div><ol class=\"samples\">");
        for (AutoraterSample sample : judgment.samples()) {
            html.append("<li><span class=\"vote\">").append(sample.position()).append(": ")
                    .append(sample.choice()).append("</span> ").append(Html.escape(sample.explanation()))
                    .append("</li>");
        }
        html.append("</ol></td>\n</tr>\n");
    }
}
