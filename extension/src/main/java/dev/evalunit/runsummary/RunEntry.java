package dev.evalunit.runsummary;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.RepeatStatistics;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apiguardian.api.API;

/**
 * One evaluation's row of the run-level summary: its kind ({@code pairwise} or {@code set}), name, key
 * figures with their 95% intervals, the link to its {@code report.html} (relative to the report directory,
 * empty without one) and the gate outcome of its test(s): {@code pass}, {@code fail}, {@code error},
 * {@code skipped}, or empty until the test has finished.
 */
@API(status = INTERNAL, since = "0.1")
public record RunEntry(String run, String kind, String name, String figures, String report, String outcome) {

    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String ERROR = "error";
    public static final String SKIPPED = "skipped";

    /** A win rate with its interval, and the binary kappa with its interval when there are human preferences. */
    public static RunEntry of(PairwiseResult result, Path reportRoot) {
        PairwiseMetrics m = result.metrics();
        List<String> figures = new ArrayList<>();
        figures.add("A wins " + percent(m.modelAWinRate()) + interval(m.modelAWinRateCiLow(), m.modelAWinRateCiHigh(), true));
        m.human().ifPresent(h -> figures.add("κ " + number(h.cohensKappa())
                + interval(h.cohensKappaCiLow(), h.cohensKappaCiHigh(), false)));
        figures.add(m.errorCount() + "/" + m.exampleCount() + " errors");
        return new RunEntry("", "pairwise", result.name(), String.join("; ", figures),
                link(reportRoot, result.reportDirectory()), "");
    }

    /** Per metric, the best configuration with its mean and interval over its repeats. */
    public static RunEntry of(ExperimentSetResult result, Path reportRoot) {
        List<String> figures = new ArrayList<>();
        for (String metric : result.rankings().keySet()) {
            result.best(metric).ifPresent(best -> figures.add(metric + ": best " + label(best) + " "
                    + best.statistic(metric).map(RunEntry::mean).orElse("–")));
        }
        return new RunEntry("", "set", result.name(), figures.isEmpty() ? "no ranking" : String.join("; ", figures),
                link(reportRoot, result.reportDirectory()), "");
    }

    RunEntry withRun(String id) {
        return new RunEntry(id, kind, name, figures, report, outcome);
    }

    RunEntry withOutcome(String value) {
        return new RunEntry(run, kind, name, figures, report, value);
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("run", run);
        p.setProperty("kind", kind);
        p.setProperty("name", name);
        p.setProperty("figures", figures);
        p.setProperty("report", report);
        p.setProperty("outcome", outcome);
        return p;
    }

    static RunEntry of(Properties p) {
        return new RunEntry(p.getProperty("run", ""), p.getProperty("kind", ""), p.getProperty("name", ""),
                p.getProperty("figures", ""), p.getProperty("report", ""), p.getProperty("outcome", ""));
    }

    private static String label(ConfigurationResult configuration) {
        return configuration.label() == null || configuration.label().isBlank() ? configuration.configurationId()
                : configuration.label();
    }

    private static final List<String> PAGES = List.of("report.html", "set-report.html");

    private static String mean(RepeatStatistics s) {
        return number(s.mean()) + interval(s.ciLow(), s.ciHigh(), false);
    }

    /** The evaluation's page, when a reporter wrote one: {@code report.html}, or an experiment set's {@code set-report.html}. */
    private static String link(Path reportRoot, Path directory) {
        for (String name : PAGES) {
            Path page = directory.resolve(name);
            if (Files.isRegularFile(page)) {
                return reportRoot.toAbsolutePath().normalize().relativize(page).toString().replace('\\', '/');
            }
        }
        return "";
    }

    private static String interval(Double low, Double high, boolean percent) {
        if (low == null || high == null) {
            return "";
        }
        return percent ? " [" + percent(low) + ", " + percent(high) + "]" : " [" + number(low) + ", " + number(high) + "]";
    }

    private static String percent(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.1f%%", value * 100);
    }

    private static String number(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }
}
