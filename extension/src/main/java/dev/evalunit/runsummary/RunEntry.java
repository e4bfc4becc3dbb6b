package dev.evalunit.runsummary;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.RepeatStatistics;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.run.RunEvaluation;
import dev.evalunit.api.run.RunEvaluation.Share;
import dev.evalunit.budget.ErrorKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * One evaluation's entry in the {@link RunIndex}: the public {@link RunEvaluation} (its row of the run-level
 * summary) with the run it belongs to and when the JVM that recorded it started.
 */
@API(status = INTERNAL, since = "0.1")
public record RunEntry(String run, Instant started, RunEvaluation evaluation) {

    /** A win rate with its interval, and the binary kappa with its interval when there are human preferences. */
    public static RunEntry of(PairwiseResult result, Path reportRoot) {
        return of(result, reportRoot, null);
    }

    /**
     * @param usage the evaluation's tokens and cost, e.g. {@code 1234 tokens in, 567 out, $0.0123}
     *     ({@code cost.UsageFields#figure()}), shown last; {@code null} for none
     */
    public static RunEntry of(PairwiseResult result, Path reportRoot, String usage) {
        PairwiseMetrics m = result.metrics();
        List<String> figures = new ArrayList<>();
        figures.add("A wins " + percent(m.modelAWinRate()) + interval(m.modelAWinRateCiLow(), m.modelAWinRateCiHigh(), true));
        m.human().ifPresent(h -> figures.add("κ " + number(h.cohensKappa())
                + interval(h.cohensKappaCiLow(), h.cohensKappaCiHigh(), false)));
        figures.add(m.errorCount() + "/" + m.exampleCount() + " errors" + errorKinds(result));
        if (usage != null) {
            figures.add(usage);
        }
        Share share = m.modelAWinRate() == null ? null
                : new Share("A wins", m.modelAWinRate(), m.modelAWinRateCiLow(), m.modelAWinRateCiHigh());
        return entry(new RunEvaluation(RunEvaluation.PAIRWISE, result.name(), "", String.join("; ", figures),
                link(reportRoot, result.reportDirectory()), share));
    }

    /** The kinds of the {@code Error} rows, commonest first, e.g. {@code  (HTTP 503: 2, timeout: 1)}; empty without errors. */
    static String errorKinds(PairwiseResult result) {
        Map<String, Long> kinds = ErrorKinds.ofErrors(result);
        return kinds.isEmpty() ? "" : kinds.entrySet().stream().map(kind -> kind.getKey() + ": " + kind.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }

    /** Per metric, the best configuration with its mean and interval over its repeats. */
    public static RunEntry of(ExperimentSetResult result, Path reportRoot) {
        return of(result, reportRoot, null);
    }

    /** @param usage the set's tokens and cost, as for a pairwise evaluation; {@code null} for none */
    public static RunEntry of(ExperimentSetResult result, Path reportRoot, String usage) {
        List<String> figures = new ArrayList<>();
        List<Share> shares = new ArrayList<>();
        for (String metric : result.rankings().keySet()) {
            result.best(metric).ifPresent(best -> {
                Optional<RepeatStatistics> statistic = best.statistic(metric);
                figures.add(metric + ": best " + label(best) + " " + statistic.map(RunEntry::mean).orElse("–"));
                statistic.filter(s -> s.mean() != null && s.mean() >= 0 && s.mean() <= 1).ifPresent(s ->
                        shares.add(new Share(metric + ": " + label(best), s.mean(), s.ciLow(), s.ciHigh())));
            });
        }
        if (figures.isEmpty()) {
            figures.add("no ranking");
        }
        if (usage != null) {
            figures.add(usage);
        }
        return entry(new RunEvaluation(RunEvaluation.SET, result.name(), "", String.join("; ", figures), link(reportRoot, result.reportDirectory()),
                shares.isEmpty() ? null : shares.get(0)));
    }

    private static RunEntry entry(RunEvaluation evaluation) {
        return new RunEntry("", STARTED, evaluation);
    }

    /** When this JVM started: the run's time starts with its first JVM. */
    private static final Instant STARTED = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);

    RunEntry withRun(String id) {
        return new RunEntry(id, started, evaluation);
    }

    /**
     * The entry of a partial run: its figures are the shard's own, so they say so first, e.g.
     * {@code shard 2/3, gates at merge; A wins 60% ...}.
     *
     * @param shard {@code K/N}
     */
    public RunEntry inShard(String shard) {
        RunEvaluation e = evaluation;
        return new RunEntry(run, started, new RunEvaluation(e.kind(), e.name(), e.outcome(),
                "shard " + shard + ", gates at merge; " + e.figures(), e.report(), e.share()));
    }

    RunEntry withOutcome(String value) {
        return new RunEntry(run, started, evaluation.withOutcome(value));
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("run", run);
        p.setProperty("started", started.toString());
        p.setProperty("kind", evaluation.kind());
        p.setProperty("name", evaluation.name());
        p.setProperty("figures", evaluation.figures());
        p.setProperty("report", evaluation.report());
        p.setProperty("outcome", evaluation.outcome());
        Share share = evaluation.share();
        if (share != null) {
            p.setProperty("share.label", share.label());
            p.setProperty("share.value", Double.toString(share.value()));
            p.setProperty("share.low", share.ciLow() == null ? "" : share.ciLow().toString());
            p.setProperty("share.high", share.ciHigh() == null ? "" : share.ciHigh().toString());
        }
        return p;
    }

    static RunEntry of(Properties p) {
        Share share = p.getProperty("share.value") == null ? null : new Share(p.getProperty("share.label", ""),
                Double.parseDouble(p.getProperty("share.value")), bound(p.getProperty("share.low")),
                bound(p.getProperty("share.high")));
        Instant started = p.getProperty("started") == null ? Instant.EPOCH : Instant.parse(p.getProperty("started"));
        return new RunEntry(p.getProperty("run", ""), started, new RunEvaluation(p.getProperty("kind", ""),
                p.getProperty("name", ""), p.getProperty("outcome", ""), p.getProperty("figures", ""),
                p.getProperty("report", ""), share));
    }

    private static Double bound(String text) {
        return text == null || text.isEmpty() ? null : Double.valueOf(text);
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
