package dev.evalunit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads what a run wrote into its report directory. */
public final class ReportFiles {

    private ReportFiles() {
    }

    /** The lines of the first file named {@code fileName} anywhere under {@code reports}; fails when there is none. */
    public static List<String> lines(Path reports, String fileName) {
        try (Stream<Path> files = Files.walk(reports)) {
            Path file = files.filter(path -> path.getFileName().toString().equals(fileName)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + fileName + " under " + reports));
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
