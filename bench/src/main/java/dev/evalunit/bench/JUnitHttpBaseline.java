package dev.evalunit.bench;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The measured JVM of {@code --junit-baseline}: {@link HttpBaseline}'s calls, made from inside one plain JUnit test
 * ({@link Calls}) that the JUnit Platform Launcher runs as it runs the evaluation, on the same class path. Between
 * OkHttp alone and evalunit it shows what being a JUnit test costs by itself: the launcher, discovery, the engines,
 * and the code they bring to compile. Arguments as {@link HttpBaseline}'s.
 */
public final class JUnitHttpBaseline {

    /** The run's arguments, for the test to read: it runs in this JVM, launched from {@link #main}. */
    private static volatile HttpBaseline.Arguments arguments;

    private JUnitHttpBaseline() {
    }

    public static void main(String[] args) throws Exception {
        arguments = HttpBaseline.Arguments.of(args);
        EvaluationRunner.measureTests(Calls.class, Map.of(), 1);
    }

    /** The one test: the baseline's calls, as a user's own test might make them; it fails as the baseline does. */
    public static class Calls {

        @Test
        void calls() throws InterruptedException {
            MeasuredRun.Outcome outcome = HttpBaseline.callAll(arguments);
            if (!outcome.succeeded()) {
                throw new AssertionError(outcome.failure());
            }
        }
    }
}
