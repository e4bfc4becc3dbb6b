package dev.evalunit.runsummary;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The run-level summary: {@code <report dir>/}{@value #FILE}, one Markdown table row per evaluation of the
 * run, rebuilt from every entry of the {@link RunIndex} by each fork as it finishes (the last one has them
 * all), and the same table in the GitHub step summary ({@link StepSummary}).
 */
@API(status = INTERNAL, since = "0.1")
public final class RunSummary {

    public static final String FILE = "summary.md";

    private RunSummary() {
    }

    /**
     * Rebuilds {@code summary.md} (and the step summary when {@code stepSummary} is present) under the index's lock.
     *
     * @return the summary file, or empty when no evaluation of this run wrote to this report directory
     */
    public static Optional<Path> rebuild(Path reportRoot, Optional<Path> stepSummary) {
        Path file = reportRoot.resolve(FILE);
        boolean[] written = {false};
        RunIndex.locked(reportRoot, entries -> {
            if (entries.isEmpty()) {
                return;
            }
            String markdown = markdown(entries);
            write(file, markdown);
            stepSummary.ifPresent(step -> StepSummary.replace(step, markdown));
            written[0] = true;
        });
        return written[0] ? Optional.of(file) : Optional.empty();
    }

    static String markdown(List<RunEntry> entries) {
        StringBuilder md = new StringBuilder("## evalunit\n\n| outcome | evaluation | kind | key figures (95% CI) | report |\n")
                .append("|---|---|---|---|---|\n");
        for (RunEntry e : entries) {
            md.append("| ").append(e.outcome().isEmpty() ? "–" : e.outcome()).append(" | ").append(cell(e.name()))
                    .append(" | ").append(e.kind()).append(" | ").append(cell(e.figures())).append(" | ")
                    .append(e.report().isEmpty() ? "" : "[" + e.report().substring(e.report().lastIndexOf('/') + 1) + "](" + e.report() + ")").append(" |\n");
        }
        return md.toString();
    }

    /** The rows for the console: outcome, name and figures, one line each. */
    public static String table(List<RunEntry> entries) {
        int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (RunEntry e : entries) {
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
