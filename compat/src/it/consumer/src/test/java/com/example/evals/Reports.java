package com.example.evals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where this build's evaluations write their files, and what a file holds. */
final class Reports {

    private Reports() {
    }

    /** evalunit's report folder: {@code evalunit.report.dir} when the build sets it, else the default. */
    static Path directory() {
        return Path.of(System.getProperty("evalunit.report.dir", "target/evalunit")).toAbsolutePath();
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }
}
