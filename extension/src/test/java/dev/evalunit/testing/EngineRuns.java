package dev.evalunit.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs fixture classes through the Jupiter engine, as a user's build would, and reads what happened. */
public final class EngineRuns {

    private EngineRuns() {
    }

    public static EngineExecutionResults run(Class<?> testCase, Map<String, String> configuration) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testCase))
                .outputDirectoryCreator(new TempOutputDirectories());
        configuration.forEach(kit::configurationParameter);
        return kit.execute();
    }

    /** Where published files go, as a launcher would provide (EngineTestKit disables publishing otherwise). */
    private static final class TempOutputDirectories implements OutputDirectoryCreator {
        private final Path root;

        TempOutputDirectories() {
            try {
                root = Files.createTempDirectory("evalunit-published");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Path getRootDirectory() {
            return root;
        }

        @Override
        public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
            String name = descriptor.getUniqueId().toString().replaceAll("[^A-Za-z0-9._-]+", "_");
            return Files.createDirectories(root.resolve(name));
        }
    }

    /** The throwables of the failed tests, in order. */
    public static List<Throwable> failures(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(Event::getPayload)
                .map(payload -> payload.map(TestExecutionResult.class::cast).flatMap(TestExecutionResult::getThrowable).orElseThrow())
                .toList();
    }
}
