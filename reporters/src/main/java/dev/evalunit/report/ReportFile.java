package dev.evalunit.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes one report file, UTF-8, into the evaluation's directory. */
final class ReportFile {

    private ReportFile() {
    }

    /** The file written, as a reporter returns it. */
    static List<Path> write(Path directory, String name, String text) throws IOException {
        return List.of(Files.writeString(directory.resolve(name), text, StandardCharsets.UTF_8));
    }
}
