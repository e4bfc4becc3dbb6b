package dev.evalunit.report;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.usage.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The "Tokens and cost" section every report shows: one row per model (input and output tokens, the part
 * of each that came from the response cache, and the cost when the run has a price table), then the
 * total. The figures are {@link Usage}'s, the same as the {@code tokens} and {@code cost_usd} fields of
 * {@code metrics.json} and {@code set-summary.json}; a cost reads as {@link Usage#dollars}. Nothing is
 * shown for a result without counted usage.
 */
final class UsageTable {

    static final String TITLE = "Tokens and cost";
    static final String NOTE = "Tokens are the replies' own usage, cached replies included (the part from the"
            + " response cache in parentheses); the cost is at the configured prices (docs/cost.md).";

    private UsageTable() {
    }

    /** The Markdown section, or nothing for a result without usage. */
    static void markdown(StringBuilder md, Usage usage) {
        if (usage.isEmpty()) {
            return;
        }
        List<String> header = header(usage);
        md.append("\n## ").append(TITLE).append("\n\n| ").append(String.join(" | ", header)).append(" |\n|")
                .append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows(usage)) {
            md.append("| ").append(String.join(" | ", row.stream().map(SummaryReporter::cell).toList())).append(" |\n");
        }
        md.append('\n').append(NOTE).append('\n');
    }

    /** The HTML section (names escaped), or nothing for a result without usage. */
    static void html(StringBuilder html, Usage usage) {
        if (usage.isEmpty()) {
            return;
        }
        html.append("<section id=\"usage\">\n<h2>").append(TITLE).append("</h2>\n<table class=\"figures usage\">\n<thead><tr>");
        header(usage).forEach(h -> html.append("<th scope=\"col\">").append(Html.escape(h)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows(usage)) {
            html.append("<tr><th scope=\"row\">").append(Html.escape(row.get(0))).append("</th>");
            row.subList(1, row.size()).forEach(value -> html.append("<td>").append(Html.escape(value)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n<p class=\"note\">").append(Html.escape(NOTE)).append("</p>\n</section>\n");
    }

    /** Whether an experiment of {@code set} has counted usage: its configurations' tables then show their tokens. */
    static boolean perConfiguration(ExperimentSetResult set) {
        return set.experiments().stream().anyMatch(experiment -> !experiment.usage().isEmpty());
    }

    /**
     * One configuration's tokens over its runs, e.g. {@code 360 in, 180 out, $0.0012}: the cost only with a price
     * table, {@code n/a} when a model it called has no price.
     */
    static String ofConfiguration(ExperimentSetResult set, ConfigurationResult configuration) {
        Set<String> runs = Set.copyOf(configuration.experimentNames());
        long input = 0;
        long output = 0;
        BigDecimal cost = BigDecimal.ZERO;
        boolean priced = false;
        boolean unknown = false;
        for (ExperimentResult experiment : set.experiments()) {
            if (runs.contains(experiment.name())) {
                Usage usage = experiment.usage();
                input += usage.input();
                output += usage.output();
                if (usage.priced()) {
                    priced = true;
                    unknown |= usage.costUsd() == null;
                    cost = usage.costUsd() == null ? cost : cost.add(new BigDecimal(Double.toString(usage.costUsd())));
                }
            }
        }
        return input + " in, " + output + " out"
                + (priced ? ", " + Usage.dollars(unknown ? null : cost.doubleValue()) : "");
    }

    private static List<String> header(Usage usage) {
        List<String> header = new ArrayList<>(List.of("model", "input tokens", "output tokens"));
        if (usage.priced()) {
            header.add("cost (USD)");
        }
        return header;
    }

    private static List<List<String>> rows(Usage usage) {
        List<List<String>> rows = new ArrayList<>();
        for (Usage.ModelUsage model : usage.models()) {
            rows.add(row(usage, model.model(), tokens(model.input(), model.inputFromCache()),
                    tokens(model.output(), model.outputFromCache()), model.costUsd()));
        }
        long inputFromCache = usage.models().stream().mapToLong(Usage.ModelUsage::inputFromCache).sum();
        long outputFromCache = usage.models().stream().mapToLong(Usage.ModelUsage::outputFromCache).sum();
        rows.add(row(usage, "total", tokens(usage.input(), inputFromCache), tokens(usage.output(), outputFromCache),
                usage.costUsd()));
        return rows;
    }

    private static List<String> row(Usage usage, String name, String input, String output, Double cost) {
        List<String> row = new ArrayList<>(List.of(name, input, output));
        if (usage.priced()) {
            row.add(Usage.dollars(cost));
        }
        return row;
    }

    private static String tokens(long all, long fromCache) {
        return fromCache == 0 ? Long.toString(all) : all + " (" + fromCache + " from cache)";
    }
}
