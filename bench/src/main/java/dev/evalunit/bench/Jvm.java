package dev.evalunit.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The command that starts another JVM on this one's class path (the server and the measured client). */
final class Jvm {

    static List<String> command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Absolute: the measured JVM runs in the work folder, not where the benchmark was started.
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        return List.of(java, "-cp", classPath);
    }

    private Jvm() {
    }
}
