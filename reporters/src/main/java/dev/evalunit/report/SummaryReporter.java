package dev.evalunit.report;

import static dev.evalunit.report.Figures.MISSING;
import static dev.evalunit.report.Figures.decimal;
import static dev.evalunit.report.Figures.decimalInterval;
import static dev.evalunit.report.Figures.interval;
import static dev.evalunit.report.Figures.percent;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.HumanPreference;
import dev.evalunit.api.pairwise.JudgeBias;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.SignTest;
import dev.evalunit.api.spi.PairwiseReporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Writes {@value #SUMMARY_FILE}: a short Markdown report for a person reading a CI run (e.g. a job
 * summary): the headline figures with their intervals, the sign test of A against B, the judge's
 * position and length bias, then the first judgments worth a look, i.e. those where the
 * autorater disagrees with the human or failed.
 */
@API(status = INTERNAL, since = "0.1")
public final class SummaryReporter implements PairwiseReporter {

    public static final String SUMMARY_FILE = "summary.md";

    static final int MAX_EXAMPLES = 10;
    static final int MAX_EXPLANATION_LENGTH = 120;

    @Override
    public List<Path> report(PairwiseResult result, Path directory) throws IOException {
        return ReportFile.write(directory, SUMMARY_FILE, render(result));
    }

    /** The summary's Markdown text. */
    public static String render(PairwiseResult result) {
        StringBuilder md = new StringBuilder();
        md.append("# Pairwise evaluation: ").append(oneLine(result.name()));
        if (result.task() != null) {
            md.append(" (").append(oneLine(result.task())).append(')');
        }
        md.append("\n\n");
        appendFigures(md, result.metrics());
        UsageTable.markdown(md, result.usage());
        md.append('\n');
        appendExamples(md, result);
        return md.toString();
    }

    private static void appendFigures(StringBuilder md, PairwiseMetrics metrics) {
        md.append("| figure | value |\n|---|---|\n");
        row(md, "examples", Integer.toString(metrics.exampleCount()));
        row(md, "errors", Integer.toString(metrics.errorCount()));
        row(md, "Model A win rate", percent(metrics.modelAWinRate()));
        row(md, "Model B win rate", percent(metrics.modelBWinRate()));
        row(md, "tie rate", percent(metrics.tieRate()));
        row(md, "Model A win rate, 95% interval", interval(metrics.modelAWinRateCiLow(), metrics.modelAWinRateCiHigh()));
        row(md, "Model B win rate, 95% interval", interval(metrics.modelBWinRateCiLow(), metrics.modelBWinRateCiHigh()));
        row(md, "tie rate, 95% interval", interval(metrics.tieRateCiLow(), metrics.tieRateCiHigh()));
        row(md, "position consistency", percent(metrics.positionConsistency()));
        HumanAlignment human = metrics.humanAlignment();
        if (human != null) {
            row(md, "accuracy (vs human, A/B only)", percent(human.accuracy()));
            row(md, "F1 (Model A positive)", percent(human.f1()));
            row(md, "Cohen's kappa", decimal(human.cohensKappa()));
            row(md, "Cohen's kappa, 95% interval", decimalInterval(human.cohensKappaCiLow(), human.cohensKappaCiHigh()));
            row(md, "macro F1 (A/B/tie)", percent(human.macroF1()));
        }
        md.append("\nWin and tie rates are over the examples that are not errors, with 95% Wilson intervals.")
                .append(human == null ? "" : " The kappa interval is the 95% large-sample one.").append('\n');
        appendSignificance(md, metrics.signTest());
        appendJudgeBias(md, metrics.judgeBias());
    }

    private static void appendSignificance(StringBuilder md, SignTest test) {
        md.append("\n## Is A better than B?\n\n| figure | value |\n|---|---|\n");
        Figures.significance(test).forEach((figure, value) -> row(md, figure, value));
        md.append("\nThe sign test leaves ties out; the smallest difference is (A wins − B wins) / decisive examples"
                + " that this many decisive examples need to reach p < 0.05.\n");
    }

    private static void appendJudgeBias(StringBuilder md, JudgeBias bias) {
        md.append("\n## Judge bias\n\n| figure | value |\n|---|---|\n");
        Figures.judgeBias(bias).forEach((figure, value) -> row(md, figure, value));
        md.append("\nA fair judge is near 50% on both; p is the two-sided exact test against 50%.\n");
    }

    private static void appendExamples(StringBuilder md, PairwiseResult result) {
        boolean withHuman = result.humanPreferenceColumn() != null;
        // One pass in order, keeping the rows shown only: a run's judgments are read from its file (and not at all
        // when there can be nothing to show).
        List<Judgment> worthALook = new ArrayList<>();
        int found = 0;
        boolean nothingToShow = !withHuman && result.metrics().errorCount() == 0;
        for (Judgment judgment : nothingToShow ? List.<Judgment>of() : result.judgments()) {
            if (judgment.isError() || (withHuman && disagreesWithHuman(judgment))) {
                found++;
                if (worthALook.size() < MAX_EXAMPLES) {
                    worthALook.add(judgment);
                }
            }
        }
        md.append(withHuman ? "## Disagreements with the human and errors" : "## Errors");
        if (found == 0) {
            md.append("\n\n").append(withHuman ? "None: the autorater agrees with every human preference."
                    : "None.").append('\n');
            return;
        }
        md.append(" (first ").append(worthALook.size())
                .append(" of ").append(found).append(")\n\n");
        md.append(withHuman ? "| ids | choice | human | confidence | explanation |\n|---|---|---|---|---|\n"
                : "| ids | choice | confidence | explanation |\n|---|---|---|---|\n");
        for (Judgment judgment : worthALook) {
            md.append("| ").append(cell(judgment.idLabel()))
                    .append(" | ").append(judgment.choice().label());
            if (withHuman) {
                md.append(" | ").append(judgment.humanPreference() == null ? MISSING : cell(judgment.humanPreference()));
            }
            md.append(" | ").append(percent(judgment.confidence()))
                    .append(" | ").append(cell(truncate(oneLine(judgment.explanation()))))
                    .append(" |\n");
        }
    }

    /** Only a human preference that can be read counts: a blank or unknown cell is no disagreement. */
    static boolean disagreesWithHuman(Judgment judgment) {
        return HumanPreference.parse(judgment.humanPreference()).map(human -> human.asChoice() != judgment.choice()).orElse(false);
    }

    private static void row(StringBuilder md, String figure, String value) {
        md.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }

    /** A table cell: a pipe would end the cell, so it is escaped. */
    static String cell(String text) {
        return oneLine(text).replace("|", "\\|");
    }

    /** Markdown table rows and titles are one line each. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static String truncate(String text) {
        if (text.length() <= MAX_EXPLANATION_LENGTH) {
            return text;
        }
        int end = MAX_EXPLANATION_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a character in two
        }
        return text.substring(0, end) + "…";
    }
}
