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
 * {@code data-confidence}); every text in it is escaped. The page stays readable however large the evaluation:
 * up to {@value #ALL_ROWS_UP_TO} examples, every one has its row; beyond, the first {@value #FIRST_ROWS} and,
 * after them, the first {@value #LATER_ROWS} that are errors, disagree with the human or have a confidence at most
 * {@value #DEFAULT_LOW_CONFIDENCE}, in dataset order (the judgments file has every one). The judgments are read
 * once, in order.
 */
final class ExampleTable {

    /** The low-confidence filter's threshold until the reader changes it. */
    static final String DEFAULT_LOW_CONFIDENCE = "0.75";
    /** Every example has its row up to this many examples. */
    static final int ALL_ROWS_UP_TO = 2000;
    /** Beyond {@link #ALL_ROWS_UP_TO}: the rows of the first examples. */
    static final int FIRST_ROWS = 1000;
    /** Beyond {@link #ALL_ROWS_UP_TO}: the rows after the first that a filter would show, at most. */
    static final int LATER_ROWS = 1000;
    private static final double LOW_CONFIDENCE = Double.parseDouble(DEFAULT_LOW_CONFIDENCE);

    private ExampleTable() {
    }

    static void append(StringBuilder html, PairwiseResult result) {
        boolean withHuman = result.humanPreferenceColumn() != null;
        int examples = result.judgments().size();
        StringBuilder rows = new StringBuilder(rowsAtMost(examples) * 1024);
        int index = 0;
        int shown = 0;
        int later = 0;
        for (Judgment judgment : result.judgments()) {
            if (examples <= ALL_ROWS_UP_TO || index < FIRST_ROWS) {
                appendRow(rows, judgment, withHuman);
                shown++;
            } else if (later < LATER_ROWS && worthALook(judgment, withHuman)) {
                appendRow(rows, judgment, withHuman);
                shown++;
                later++;
            }
            index++;
        }
        html.append("<section id=\"examples\">\n<h2>Examples</h2>\n");
        if (shown < examples) {
            html.append("<p class=\"lead\">").append(shown).append(" of ").append(examples)
                    .append(" examples have a row: the first ").append(FIRST_ROWS).append(", then the first ")
                    .append(LATER_ROWS).append(" after them that are errors, disagree with the human or have a confidence")
                    .append(" at most ").append(DEFAULT_LOW_CONFIDENCE).append(" (").append(later)
                    .append(" found). The judgments file has every example.</p>\n");
        }
        html.append("<form class=\"filters\" id=\"filters\">").append(filter("all", "all", true));
        if (withHuman) {
            html.append(filter("disagreements", "disagreements with humans", false));
        }
        html.append(filter("errors", "errors", false))
                .append(filter("low-confidence", "confidence at most", false))
                .append("<input type=\"number\" id=\"low-confidence\" min=\"0\" max=\"1\" step=\"0.05\" value=\"")
                .append(DEFAULT_LOW_CONFIDENCE).append("\" aria-label=\"confidence threshold\">")
                .append("<output id=\"shown\">").append(shown).append(" of ")
                .append(shown).append(" shown</output></form>\n")
                .append("<table class=\"examples\">\n<thead><tr><th>ids</th><th>instruction and context</th>")
                .append("<th>Model A</th><th>Model B</th><th>verdict</th><th>explanation and samples</th></tr></thead>\n<tbody>\n")
                .append(rows)
                .append("</tbody>\n</table>\n</section>\n");
    }

    /** The rows of an evaluation of {@code examples} examples, at most. */
    static int rowsAtMost(int examples) {
        return examples <= ALL_ROWS_UP_TO ? examples : FIRST_ROWS + LATER_ROWS;
    }

    /** What a filter of the page shows, past the first rows. */
    private static boolean worthALook(Judgment judgment, boolean withHuman) {
        return judgment.isError() || (withHuman && SummaryReporter.disagreesWithHuman(judgment))
                || (judgment.confidence() != null && judgment.confidence() <= LOW_CONFIDENCE);
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
