package dev.evalunit.report;

import static dev.evalunit.report.Figures.decimal;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.RowResult;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The set page's answers: per configuration a collapsible block ({@code <details>}, no script; the first one open), in
 * it one table row per dataset row and one column per repeat: the answer (or why there is none) and
 * each metric's score (or why there is none, and the judge's reply); up to {@value #ROWS_UP_TO} rows per
 * configuration, the first ones, so that the page stays readable and its size bounded. Every text in it is escaped.
 */
final class AnswerTable {

    /** Rows shown per configuration, at most: the first ones, in dataset order (the files have every row). */
    static final int ROWS_UP_TO = 2000;

    private AnswerTable() {
    }

    static void append(StringBuilder html, ExperimentSetResult set, List<String> metrics) {
        html.append("<section id=\"answers\">\n<h2>Answers and scores, per row</h2>\n")
                .append("<p class=\"note\">One block per configuration (click a name to open or close it), one column per run.")
                .append(" Rows without an answer or a score are tinted.</p>\n");
        for (ConfigurationResult configuration : set.configurations()) {
            boolean first = configuration == set.configurations().get(0);
            List<ExperimentResult> runs = set.experiments().stream()
                    .filter(e -> e.configurationId().equals(configuration.configurationId()))
                    .sorted(Comparator.comparingInt(ExperimentResult::repeatIndex)).toList();
            appendConfiguration(html, configuration, runs, metrics, first);
        }
        html.append("</section>\n");
    }

    private static void appendConfiguration(StringBuilder html, ConfigurationResult configuration,
                                            List<ExperimentResult> runs, List<String> metrics, boolean open) {
        Map<String, Map<Integer, RowResult>> rows = new LinkedHashMap<>();
        int total = 0;
        for (int run = 0; run < runs.size(); run++) {
            total = Math.max(total, runs.get(run).rows().size());
            for (RowResult row : runs.get(run).rows()) { // read in order: a run's rows come from its file
                String id = String.valueOf(row.rowId());
                if (rows.size() >= ROWS_UP_TO && !rows.containsKey(id)) {
                    break; // the rest of this run is past the rows shown
                }
                rows.computeIfAbsent(id, key -> new LinkedHashMap<>()).put(run, row);
            }
        }
        total = Math.max(total, rows.size());
        html.append("<details class=\"configuration\"").append(open ? " open" : "").append("><summary>").append(Html.escape(configuration.label()))
                .append(" <span class=\"note\">(").append(runs.size()).append(" run(s), ").append(total)
                .append(" row(s))</span></summary>\n");
        if (rows.size() < total) {
            html.append("<p class=\"note\">The first ").append(rows.size()).append(" of ").append(total)
                    .append(" rows have a row here; each run's observations.jsonl has every row.</p>\n");
        }
        html.append("<table class=\"examples answers\">\n<thead><tr><th>row</th>");
        for (ExperimentResult run : runs) {
            html.append("<th>run ").append(run.repeatIndex() + 1).append('/').append(run.repeatCount())
                    .append(" <span class=\"note\">").append(Html.escape(run.name())).append("</span></th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        rows.forEach((id, byRun) -> {
            html.append("<tr class=\"answer\"><td class=\"ids\">").append(Html.escape(id)).append("</td>");
            for (int run = 0; run < runs.size(); run++) {
                appendCell(html, byRun.get(run), metrics);
            }
            html.append("</tr>\n");
        });
        html.append("</tbody>\n</table>\n</details>\n");
    }

    private static void appendCell(StringBuilder html, RowResult row, List<String> metrics) {
        if (row == null) {
            html.append("<td class=\"missing\">").append(Figures.MISSING).append("</td>");
            return;
        }
        boolean failed = row.generation().failed()
                || row.scores().values().stream().anyMatch(observation -> !observation.hasScore());
        html.append(failed ? "<td class=\"error\">" : "<td>");
        if (row.generation().failed()) {
            html.append("<div class=\"text failure\">no answer: ").append(Html.escape(row.generation().error()))
                    .append("</div>");
        } else {
            html.append("<div class=\"text response\">").append(Html.escape(row.generation().output())).append("</div>");
        }
        html.append("<ul class=\"scores\">");
        for (String metric : metrics) {
            MetricObservation observation = row.scores().get(metric);
            if (observation == null) {
                continue;
            }
            html.append("<li><span class=\"metric\">").append(Html.escape(metric)).append(":</span> ")
                    .append(observation.hasScore() ? decimal(observation.score())
                            : "<span class=\"failure\">error: " + Html.escape(observation.error()) + "</span>");
            if (observation.judgeText() != null) {
                html.append("<details class=\"judge\"><summary>judge</summary><div class=\"text\">")
                        .append(Html.escape(observation.judgeText())).append("</div></details>");
            }
            html.append("</li>");
        }
        html.append("</ul></td>");
    }
}
