package dev.evalunit.execution;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.EvalConfig;
import java.nio.file.Path;
import org.apiguardian.api.API;

/** Where an evaluation writes its files: {@code <evalunit.report.dir>/<name>}, absolute. */
@API(status = INTERNAL, since = "0.1")
public final class ReportDirectories {

    private ReportDirectories() {
    }

    public static Path of(EvalConfig config, String name) {
        return root(config).resolve(segment(name)).toAbsolutePath().normalize();
    }

    /** {@code <evalunit.report.dir>}, absolute: where the run-level summary goes. */
    public static Path root(EvalConfig config) {
        return Path.of(config.get(ConfigKeys.REPORT_DIR).orElse(ConfigKeys.DEFAULT_REPORT_DIR)).toAbsolutePath().normalize();
    }

    /**
     * A name safe as one path segment on every file system; a name of dots alone ({@code ..}) would leave
     * the report directory, so it becomes {@code evaluation}, as does an empty one.
     */
    public static String segment(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        return safe.matches("\\.*") ? "evaluation" : safe;
    }
}
