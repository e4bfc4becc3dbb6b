package dev.evalunit.runsummary;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * The GitHub Actions step summary (the file named by {@value #VARIABLE}): evalunit's table appears once per
 * run however many forks finish. The block sits between two HTML comments (invisible once rendered); a fork
 * that finishes later replaces the block it finds rather than appending a second one, and leaves whatever
 * other steps wrote around it.
 */
@API(status = INTERNAL, since = "0.1")
public final class StepSummary {

    public static final String VARIABLE = "GITHUB_STEP_SUMMARY";
    static final String BEGIN = "<!-- evalunit summary -->\n";
    static final String END = "<!-- /evalunit summary -->\n";

    private StepSummary() {
    }

    /** Call under {@link RunIndex#locked}: puts {@code markdown} in place of evalunit's block, or appends it. */
    static void replace(Path file, String markdown) {
        try {
            String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            String block = BEGIN + markdown + END;
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END, Math.max(begin, 0));
            String updated = begin >= 0 && end >= 0 ? text.substring(0, begin) + block + text.substring(end + END.length())
                    : text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + block;
            Files.writeString(file, updated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("evalunit could not write the step summary " + file, e);
        }
    }
}
