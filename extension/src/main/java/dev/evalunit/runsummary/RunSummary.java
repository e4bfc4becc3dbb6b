package dev.evalunit.runsummary;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.run.RunEvaluation;
import dev.evalunit.api.run.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The run-level summary: {@code <report dir>/}{@value #FILE}, one Markdown table row per evaluation of the
 * run, rebuilt from every entry of the {@link RunIndex} by each fork as it finishes (the last one has them
 * all), the same table in the GitHub step summary ({@link StepSummary}), and what the run reporters add
 * ({@link RunReports}: {@code index.html} with evalunit-reporters).
 */
@API(status = INTERNAL, since = "0.1")
public final class RunSummary {

    public static final String FILE = "summary.md";

    private RunSummary() {
    }

    /**
     * Rebuilds {@code summary.md} (and the step summary when {@code stepSummary} is present), then has every
     * {@link RunReports run reporter} write its files, all under the index's lock.
     *
     * @return the summary file, then the run reporters' files (e.g. {@code index.html}); empty when no evaluation
     *     of this run wrote to this report directory
     */
    public static List<Path> rebuild(Path reportRoot, Optional<Path> stepSummary) {
        Path file = reportRoot.resolve(FILE);
        List<Path> written = new ArrayList<>();
        RunIndex.locked(reportRoot, entries -> {
            if (entries.isEmpty()) {
                return;
            }
            List<RunEvaluation> evaluations = entries.stream().map(RunEntry::evaluation).toList();
            String markdown = markdown(evaluations);
            write(file, markdown);
            stepSummary.ifPresent(step -> StepSummary.replace(step, markdown));
            written.add(file);
            Instant started = entries.stream().map(RunEntry::started).min(Comparator.naturalOrder()).orElseThrow();
            written.addAll(RunReports.write(new RunResult(evaluations, started, Instant.now()), reportRoot));
        });
        return written;
    }

    static String markdown(List<RunEvaluation> entries) {
        StringBuilder md = new StringBuilder("## evalunit\n\n| outcome | evaluation | kind | key figures (95% CI) | report |\n")
                .append("|---|---|---|---|---|\n");
        for (RunEvaluation e : entries) {
            md.append("| ").append(e.outcome().isEmpty() ? "–" : e.outcome()).append(" | ").append(cell(e.name()))
                    .append(" | ").append(e.kind()).append(" | ").append(cell(e.figures())).append(" | ")
                    .append(e.report().isEmpty() ? "" : "[" + e.report().substring(e.report().lastIndexOf('/') + 1) + "](" + e.report() + ")").append(" |\n");
        }
        return md.toString();
    }

    /** The rows for the console: outcome, name and figures, one line each. */
    public static String table(List<RunEntry> entries) {
        int width = entries.stream().mapToInt(e -> e.evaluation().name().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (RunEvaluation e : entries.stream().map(RunEntry::evaluation).toList()) {
            out.append(String.format("[evalunit]   %-7s %-" + width + "s  %s%n", e.outcome().isEmpty() ? "-" : e.outcome(),
                    e.name(), e.figures()));
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static void write(Path file, String text) {
        try {
            Path temp = Files.createTempFile(file.getParent(), "summary", ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
