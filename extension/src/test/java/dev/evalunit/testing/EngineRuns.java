package dev.evalunit.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture classes through the Jupiter engine, as a user's build would, and reads what happened. */
public final class EngineRuns {

    private static final String CACHE_DIR = "evalunit.cache.dir";
    private static final String CACHE_MODE = "evalunit.cache.mode";

    private EngineRuns() {
    }

    /**
     * Runs {@code testCase} with {@code configuration}. Unless it sets a cache key, the response cache is
     * off: within one run identical requests share an entry, and the stand-ins of many tests answer
     * identically where real models would not (e.g. at two temperatures), so they would count fewer
     * requests. A run that sets {@code evalunit.cache.mode} but not {@code evalunit.cache.dir} gets an
     * empty directory of its own under {@code target/engine-runs}, never the module's {@code .evalunit/cache}.
     */
    public static EngineExecutionResults run(Class<?> testCase, Map<String, String> configuration) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testCase));
        if (!configuration.containsKey(CACHE_DIR)) {
            if (configuration.containsKey(CACHE_MODE)) {
                kit.configurationParameter(CACHE_DIR, freshCacheDirectory().toString());
            } else {
                kit.configurationParameter(CACHE_MODE, "off");
            }
        }
        configuration.forEach(kit::configurationParameter);
        return kit.execute();
    }

    /** What a run gave, and what it printed on standard output and standard error, interleaved. */
    public record Captured(EngineExecutionResults results, String console) {
    }

    /** As {@link #run}, capturing what the run prints (System.out and System.err, restored after). */
    public static Captured runCapturingConsole(Class<?> testCase, Map<String, String> configuration) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            EngineExecutionResults results = run(testCase, configuration);
            return new Captured(results, console.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Under the module's build folder, so that {@code mvn clean} removes it and no run leaves folders in /tmp. */
    private static Path freshCacheDirectory() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "engine-runs")), "evalunit-cache");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages of the failed tests' throwables, in order. */
    public static List<String> failureMessages(EngineExecutionResults results) {
        return failures(results).stream().map(Throwable::getMessage).toList();
    }

    /** The throwables of the failed tests, in order. */
    public static List<Throwable> failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(Event::getPayload)
                .map(payload -> payload.map(TestExecutionResult.class::cast).flatMap(TestExecutionResult::getThrowable).orElseThrow())
                .toList();
    }
}
