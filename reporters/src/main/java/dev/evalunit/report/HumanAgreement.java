package dev.evalunit.report;

import static dev.evalunit.report.Figures.decimal;
import static dev.evalunit.report.Figures.decimalInterval;
import static dev.evalunit.report.Figures.percent;

import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.HumanPreference;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.Vote;
import java.util.List;

/**
 * The report's section on humans: the confusion matrix of the autorater's choice against the human
 * preference (A, B, tie; over the examples that are not errors and whose human cell can be read),
 * then the agreement figures of {@link HumanAlignment}.
 */
final class HumanAgreement {

    private static final List<Vote> CLASSES = List.of(Vote.A, Vote.B, Vote.TIE);
    private static final List<String> LABELS = List.of("Model A", "Model B", "Tie");

    private HumanAgreement() {
    }

    static void append(StringBuilder html, PairwiseResult result) {
        int[][] counts = new int[CLASSES.size()][CLASSES.size()];
        int unread = 0;
        for (Judgment judgment : result.judgments()) {
            if (judgment.isError()) {
                continue;
            }
            var human = HumanPreference.parse(judgment.humanPreference());
            if (human.isEmpty()) {
                unread++;
                continue;
            }
            counts[index(judgment)][CLASSES.indexOf(human.get())]++;
        }
        html.append("<section id=\"human\">\n<h2>Agreement with humans (column ")
                .append(Html.escape(result.humanPreferenceColumn())).append(")</h2>\n<div class=\"side-by-side\">\n")
                .append("<table class=\"confusion\">\n<caption>Autorater (rows) against human (columns)</caption>\n")
                .append("<tr><th></th>");
        LABELS.forEach(label -> html.append("<th scope=\"col\">human: ").append(label).append("</th>"));
        html.append("</tr>\n");
        for (int row = 0; row < CLASSES.size(); row++) {
            html.append("<tr><th scope=\"row\">autorater: ").append(LABELS.get(row)).append("</th>");
            for (int column = 0; column < CLASSES.size(); column++) {
                html.append("<td class=\"").append(row == column ? "agree" : "disagree").append("\">")
                        .append(counts[row][column]).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<table class=\"figures\">\n");
        HumanAlignment human = result.metrics().humanAlignment();
        if (human != null) {
            HtmlReporter.row(html, "accuracy (vs human, A/B only)", percent(human.accuracy()));
            HtmlReporter.row(html, "F1 (Model A positive)", percent(human.f1()));
            HtmlReporter.row(html, "Cohen's kappa", decimal(human.cohensKappa()));
            HtmlReporter.row(html, "Cohen's kappa, 95% interval",
                    decimalInterval(human.cohensKappaCiLow(), human.cohensKappaCiHigh()));
            HtmlReporter.row(html, "accuracy (A/B/tie)", percent(human.threeClassAccuracy()));
            HtmlReporter.row(html, "macro F1 (A/B/tie)", percent(human.macroF1()));
            HtmlReporter.row(html, "Cohen's kappa (A/B/tie)", decimal(human.threeClassCohensKappa()));
            HtmlReporter.row(html, "humans: Model A win rate", percent(human.humanModelAWinRate()));
            HtmlReporter.row(html, "humans: Model B win rate", percent(human.humanModelBWinRate()));
        }
        html.append("</table>\n</div>\n<p class=\"note\">The diagonal is agreement. Errors and ").append(unread)
                .append(" example(s) whose human cell is blank or not one of ").append(Html.escape(HumanPreference.ACCEPTED))
                .append(" are left out; the A/B-only figures also leave ties out.</p>\n</section>\n");
    }

    private static int index(Judgment judgment) {
        return switch (judgment.choice()) {
            case MODEL_A -> 0;
            case MODEL_B -> 1;
            default -> 2;
        };
    }
}
