package dev.evalunit.report;

import static dev.evalunit.report.Figures.decimal;
import static dev.evalunit.report.Figures.decimalInterval;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RepeatStatistics;
import dev.evalunit.api.spi.ExperimentReporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Writes {@value #SUMMARY_FILE} in an experiment set's folder (beside {@code set-summary.json}): per metric,
 * the best configuration, then every configuration's mean with its 95% interval over its repeats. Nothing per
 * experiment: their {@code summary.json} is the record, and one Markdown page per set is what a person reads.
 */
@API(status = INTERNAL, since = "0.1")
public final class SetSummaryReporter implements ExperimentReporter {

    public static final String SUMMARY_FILE = "summary.md";

    @Override
    public List<Path> reportExperiment(ExperimentResult result, Path directory) {
        return List.of();
    }

    @Override
    public List<Path> reportSet(ExperimentSetResult result, Path directory) throws IOException {
        return ReportFile.write(directory, SUMMARY_FILE, render(result));
    }

    /** The set summary's Markdown text. */
    public static String render(ExperimentSetResult set) {
        StringBuilder md = new StringBuilder("# Experiment set: ").append(cell(set.name())).append("\n\n")
                .append("| metric | best configuration | mean | 95% CI | p (best vs next) |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, MetricRanking> ranking : set.rankings().entrySet()) {
            String metric = ranking.getKey();
            set.best(metric).ifPresent(best -> {
                RepeatStatistics s = best.statistic(metric).orElse(null);
                md.append("| ").append(cell(metric)).append(" | ").append(cell(label(best))).append(" | ")
                        .append(s == null ? Figures.MISSING : decimal(s.mean())).append(" | ")
                        .append(s == null ? Figures.MISSING : decimalInterval(s.ciLow(), s.ciHigh())).append(" | ")
                        .append(decimal(ranking.getValue().pValue())).append(" |\n");
            });
        }
        boolean tokens = UsageTable.perConfiguration(set);
        md.append("\n| configuration |");
        List<String> metrics = List.copyOf(set.rankings().keySet());
        metrics.forEach(m -> md.append(' ').append(cell(m)).append(" |"));
        md.append(tokens ? " tokens (all runs) |" : "");
        md.append("\n|---|").append("---|".repeat(metrics.size() + (tokens ? 1 : 0))).append('\n');
        for (ConfigurationResult configuration : set.configurations()) {
            md.append("| ").append(cell(label(configuration))).append(" |");
            for (String metric : metrics) {
                md.append(' ').append(configuration.statistic(metric)
                        .map(s -> decimal(s.mean()) + " (" + decimalInterval(s.ciLow(), s.ciHigh()) + ")")
                        .orElse(Figures.MISSING)).append(" |");
            }
            if (tokens) {
                md.append(' ').append(cell(UsageTable.ofConfiguration(set, configuration))).append(" |");
            }
            md.append('\n');
        }
        UsageTable.markdown(md, set.usage());
        return md.toString();
    }

    private static String label(ConfigurationResult configuration) {
        return configuration.label() == null || configuration.label().isBlank() ? configuration.configurationId()
                : configuration.label();
    }

    private static String cell(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip().replace("|", "\\|");
    }
}
