package dev.evalunit.report;

import static dev.evalunit.report.Figures.decimal;
import static dev.evalunit.report.Figures.decimalInterval;
import static dev.evalunit.report.Figures.percent;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RepeatStatistics;
import dev.evalunit.api.spi.ExperimentReporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Writes {@value #SET_REPORT_FILE} into an experiment set's directory: one self-contained page (inline
 * CSS and SVG, no script, no network) comparing the set's configurations: per metric their means
 * across repeats with 95% intervals as dots and whiskers, the ranking and the p-value of the best
 * against the runner-up; the failure rate of every metric and configuration; and every row's answers
 * and scores, per configuration (collapsible) and run. Every text from a model, a dataset or the set's
 * definition is escaped ({@link Html#escape}); API keys show only as the references they were given as
 * ({@link ShownConfiguration}). Writes nothing per experiment.
 */
@API(status = INTERNAL, since = "0.1")
public final class SetHtmlReporter implements ExperimentReporter {

    public static final String SET_REPORT_FILE = "set-report.html";

    @Override
    public List<Path> reportExperiment(ExperimentResult result, Path directory) {
        return List.of();
    }

    @Override
    public List<Path> reportSet(ExperimentSetResult result, Path directory) throws IOException {
        return ReportFile.write(directory, SET_REPORT_FILE, render(result));
    }

    /** The page's HTML. */
    public static String render(ExperimentSetResult set) {
        List<String> metrics = metrics(set);
        int rows = set.experiments().stream().mapToInt(e -> Math.min(e.rows().size(), AnswerTable.ROWS_UP_TO)).sum();
        StringBuilder html = Page.start("Experiment set: " + set.name(), 16384 + rows * 512);
        html.append("<p class=\"lead\">").append(set.experiments().size()).append(" experiments: ")
                .append(set.configurations().size()).append(" configurations, ").append(metrics.size())
                .append(" metrics. Means are over each configuration's runs (the mean of the run means).</p>\n");
        if (set.readme() != null && !set.readme().isBlank()) {
            html.append("<div class=\"text readme\">").append(Html.escape(set.readme())).append("</div>\n");
        }
        appendConfigurations(html, set);
        for (int i = 0; i < metrics.size(); i++) {
            appendMetric(html, set, metrics.get(i), i);
        }
        appendFailureRates(html, set, metrics);
        UsageTable.html(html, set.usage());
        AnswerTable.append(html, set, metrics);
        return Page.end(html, null);
    }

    /** The metrics in the order the experiments declare them, then any only the rankings know. */
    private static List<String> metrics(ExperimentSetResult set) {
        Set<String> metrics = new LinkedHashSet<>();
        set.experiments().forEach(e -> metrics.addAll(e.metricNames()));
        metrics.addAll(set.rankings().keySet());
        return List.copyOf(metrics);
    }

    private static void appendConfigurations(StringBuilder html, ExperimentSetResult set) {
        boolean tokens = UsageTable.perConfiguration(set);
        html.append("<section id=\"configurations\">\n<h2>Configurations</h2>\n<table class=\"figures configurations\">\n")
                .append("<thead><tr><th>configuration</th><th>runs</th><th>values</th>")
                .append(tokens ? "<th>tokens (all runs)</th>" : "").append("</tr></thead>\n<tbody>\n");
        for (ConfigurationResult configuration : set.configurations()) {
            html.append("<tr><th scope=\"row\">").append(Html.escape(configuration.label()))
                    .append("<div class=\"note\">").append(Html.escape(configuration.configurationId()))
                    .append("</div></th><td>").append(configuration.experimentNames().size())
                    .append("</td><td><div class=\"text values\">");
            ShownConfiguration.lines(configuration.configuration()).forEach((key, value) ->
                    html.append(Html.escape(key)).append(" = ").append(Html.escape(value)).append('\n'));
            html.append("</div></td>");
            if (tokens) {
                html.append("<td>").append(Html.escape(UsageTable.ofConfiguration(set, configuration))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void appendMetric(StringBuilder html, ExperimentSetResult set, String metric, int index) {
        MetricRanking ranking = set.rankings().get(metric);
        List<ConfigurationResult> ordered = ranked(set, ranking);
        String best = ranking == null || ranking.configurationIds().isEmpty() ? null : ranking.configurationIds().get(0);
        html.append("<section class=\"metric\" id=\"metric-").append(index).append("\">\n<h2>")
                .append(Html.escape(metric));
        if (ranking != null) {
            html.append(" <span class=\"note\">(").append(ranking.higherIsBetter() ? "higher" : "lower")
                    .append(" is better)</span>");
        }
        html.append("</h2>\n");
        List<MeanChart.Dot> dots = new ArrayList<>();
        for (ConfigurationResult configuration : ordered) {
            RepeatStatistics statistics = configuration.statistic(metric).orElse(null);
            dots.add(statistics == null ? new MeanChart.Dot(configuration.label(), null, null, null, false)
                    : new MeanChart.Dot(configuration.label(), statistics.mean(), statistics.ciLow(), statistics.ciHigh(),
                            configuration.configurationId().equals(best)));
        }
        html.append(MeanChart.svg(metric + ": mean across runs with 95% intervals", dots));
        html.append("<table class=\"figures ranking\">\n<thead><tr><th>rank</th><th>configuration</th><th>mean</th>")
                .append("<th>95% interval</th><th>sd of run means</th><th>runs</th><th>row spread</th>")
                .append("<th>failure rate</th></tr></thead>\n<tbody>\n");
        for (ConfigurationResult configuration : ordered) {
            int rank = ranking == null ? -1 : ranking.configurationIds().indexOf(configuration.configurationId());
            RepeatStatistics s = configuration.statistic(metric).orElse(null);
            html.append("<tr").append(configuration.configurationId().equals(best) ? " class=\"best\"" : "")
                    .append("><td>").append(rank < 0 ? Figures.MISSING : Integer.toString(rank + 1)).append("</td><td>")
                    .append(Html.escape(configuration.label())).append("</td><td>")
                    .append(s == null ? Figures.MISSING : decimal(s.mean())).append("</td><td>")
                    .append(s == null ? Figures.MISSING : decimalInterval(s.ciLow(), s.ciHigh())).append("</td><td>")
                    .append(s == null ? Figures.MISSING : decimal(s.standardDeviation())).append("</td><td>")
                    .append(s == null ? "0" : Integer.toString(s.runs())).append("</td><td>")
                    .append(s == null ? Figures.MISSING : decimal(s.rowSpread())).append("</td><td>")
                    .append(s == null ? Figures.MISSING : percent(s.failureRate())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n<p class=\"significance\">");
        if (best == null) {
            html.append("No configuration has a mean on this metric.");
        } else {
            html.append("Best: <strong>").append(Html.escape(set.configuration(best).map(ConfigurationResult::label)
                    .orElse(best))).append("</strong>. Against the runner-up, paired permutation test over the rows")
                    .append(" both scored: p = ").append(decimal(ranking.pValue()));
            if (ranking.pValue() == null) {
                html.append(" (fewer than two ranked configurations, or no row scored by both)");
            }
            html.append('.');
        }
        html.append("</p>\n<p class=\"note\">Dots are means of the run means; whiskers their 95% Student's t")
                .append(" intervals (two runs or more). Row spread is how much one row's score moves between runs.</p>\n")
                .append("</section>\n");
    }

    /** The ranked configurations best first, then those without a mean, in the set's order. */
    private static List<ConfigurationResult> ranked(ExperimentSetResult set, MetricRanking ranking) {
        List<ConfigurationResult> ordered = new ArrayList<>();
        if (ranking != null) {
            ranking.configurationIds().forEach(id -> set.configuration(id).ifPresent(ordered::add));
        }
        set.configurations().stream().filter(c -> !ordered.contains(c)).forEach(ordered::add);
        return ordered;
    }

    private static void appendFailureRates(StringBuilder html, ExperimentSetResult set, List<String> metrics) {
        html.append("<section id=\"failures\">\n<h2>Failure rates</h2>\n<table class=\"figures failures\">\n")
                .append("<thead><tr><th>configuration</th>");
        metrics.forEach(metric -> html.append("<th>").append(Html.escape(metric)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (ConfigurationResult configuration : set.configurations()) {
            html.append("<tr><th scope=\"row\">").append(Html.escape(configuration.label())).append("</th>");
            for (String metric : metrics) {
                Double rate = configuration.statistic(metric).map(RepeatStatistics::failureRate).orElse(null);
                html.append(rate != null && rate > 0 ? "<td class=\"failing\">" : "<td>").append(percent(rate))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n<p class=\"note\">Share of observations without a score, over all runs:")
                .append(" a failed answer or a failed metric. The rows are in the answers below.</p>\n</section>\n");
    }
}
