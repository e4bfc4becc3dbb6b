package dev.evalunit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.THROWABLE;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.budget.EvaluationInfrastructureException;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.testing.EngineRuns;
import dev.evalunit.testing.FaultInjectingServer;
import dev.evalunit.testing.FaultInjectingServer.Fault;
import dev.evalunit.testing.FaultInjectingServer.FaultPlan;
import dev.evalunit.testing.FaultInjectingServer.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A fake API key, given by reference, through every failure path: HTTP errors that quote the
 * request's Authorization header back, timeouts, resets, truncated JSON that quotes it too, prose
 * verdicts, bad input found after the key was resolved, and the error budget's failure. The key
 * must reach the server and nothing else: no exception (message or stack trace), console or log
 * line, report, judgment, observation or cache file.
 */
@DisplayName("An API key, through every failure")
class SecretsThroughFailuresTest {

    // Built at run time so that no key-shaped literal is committed; its parts are checked separately
    // so that a key cut in two (e.g. by an excerpt) is caught as well as a whole one.
    private static final String KEY_ID = UUID.randomUUID().toString();
    private static final String KEY = "sk-" + "evalunit-fake-" + KEY_ID;

    private static final List<Fault> FAULTS = List.of(Fault.TOO_MANY_REQUESTS, Fault.SERVER_ERROR, Fault.UNAVAILABLE,
            Fault.UNAVAILABLE_RETRY_NOW, Fault.STALL, Fault.RESET, Fault.TRUNCATED_JSON, Fault.PROSE);

    @TempDir
    Path reports;

    @TempDir
    Path secrets;

    /** {@code ${file:PATH}} of a file holding the key, as a mounted secret would. */
    private String reference;

    @TempDir
    Path cache;

    private FaultInjectingServer server;

    /** What a run left where a person could read it. */
    private record Leaks(EngineExecutionResults results, List<Throwable> failures, String console, String log) {
    }

    @BeforeEach
    void setKey() throws IOException {
        Path keyFile = Files.writeString(secrets.resolve("api-key"), KEY + "\n");
        reference = "${file:" + keyFile + "}";
    }

    @AfterEach
    void clear() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Example n's generation fails with fault n (1-8); example 8+n's judge fails with fault n on
     * every sample; every other call is answered. A stalled judge stalls once, then fails fast, so
     * that the run stays short. Every failure quotes the request's Authorization header.
     */
    private static FaultPlan everyFailure() {
        return (example, kind, body, occurrence) -> {
            int n = Integer.parseInt(example.substring(2));
            Fault fault = Fault.OK;
            if (kind == Kind.GENERATION && n <= FAULTS.size()) {
                fault = FAULTS.get(n - 1);
            } else if (kind != Kind.GENERATION && n > FAULTS.size() && n <= 2 * FAULTS.size()) {
                fault = FAULTS.get(n - FAULTS.size() - 1);
            }
            return fault == Fault.STALL && kind != Kind.GENERATION && occurrence > 0 ? Fault.SERVER_ERROR : fault;
        };
    }

    private Map<String, String> configuration() {
        Map<String, String> config = new HashMap<>();
        for (String model : List.of("candidate", "judge", "m1")) {
            config.put("evalunit.models." + model + ".base-url", server.baseUrl());
            config.put("evalunit.models." + model + ".api-key", reference);
            config.put("evalunit.models." + model + ".max-retries", "1");
            config.put("evalunit.models." + model + ".timeout-seconds", "1");
        }
        config.put("evalunit.concurrency", "16");
        config.put("evalunit.report.dir", reports.toString());
        config.put("evalunit.cache.dir", cache.toString());
        return config;
    }

    private Leaks run(Class<?> fixture, Map<String, String> config) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        StringBuilder log = new StringBuilder();
        Handler handler = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public synchronized void publish(LogRecord record) {
                log.append(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        PrintStream out = System.out;
        PrintStream err = System.err;
        EngineExecutionResults results;
        try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            root.addHandler(handler);
            results = EngineRuns.run(fixture, config);
        } finally {
            root.removeHandler(handler);
            System.setOut(out);
            System.setErr(err);
        }
        List<Throwable> failures = results.allEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow())
                .toList();
        return new Leaks(results, failures, console.toString(StandardCharsets.UTF_8), log.toString());
    }

    /** The key, whole or in part, is in none of the run's failures, console, log or files. */
    private void assertNoKeyAnywhere(Leaks leaks) throws IOException {
        for (Throwable failure : leaks.failures()) {
            assertKeyless(stackText(failure), "failure " + failure.getClass().getSimpleName());
        }
        assertKeyless(leaks.console(), "console");
        assertKeyless(leaks.log(), "log");
        for (Path file : filesUnder(reports, cache)) {
            // Bytes as Latin-1, one char each: the key is ASCII, and the cache's saved index is binary.
            assertKeyless(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), file.toString());
        }
    }

    private static void assertKeyless(String text, String where) {
        assertThat(text).as(where).doesNotContain(KEY).doesNotContain("evalunit-fake-").doesNotContain(KEY_ID)
                .doesNotContain(KEY_ID.substring(KEY_ID.lastIndexOf('-') + 1));
    }

    private static List<Path> filesUnder(Path... roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        return files;
    }

    private static String stackText(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Nested
    @DisplayName("in a pairwise evaluation whose calls fail in every way")
    class PairwiseFailures {

        @Test
        @DisplayName("reaches the server, and is masked in every error, the budget's failure and every file")
        void staysSecret() throws IOException {
            server = FaultInjectingServer.start(everyFailure(), Duration.ofMillis(1500), true);

            Leaks leaks = run(EveryFailureTestCase.class, configuration());

            assertThat(server.attempts()).as("every fault was served").extracting(a -> a.fault())
                    .containsAll(FAULTS);
            assertThat(leaks.failures()).singleElement(THROWABLE).isInstanceOf(EvaluationInfrastructureException.class)
                    .satisfies(failure -> assertThat(failure.getMessage()).contains("***"));
            String judgments = Files.readString(reports.resolve("EveryFailureTestCase.evaluation/judgments.jsonl"));
            assertThat(judgments).as("the echoed key was kept, masked").contains("Bearer ***")
                    .contains("timed out").contains("connection failed").contains("not JSON");
            assertNoKeyAnywhere(leaks);
        }
    }

    @Nested
    @DisplayName("in an experiment whose model fails every call")
    class ExperimentFailures {

        @Test
        @DisplayName("is masked in the observations and in the error budget's failure")
        void staysSecret() throws IOException {
            server = FaultInjectingServer.start(FaultPlan.always(Fault.SERVER_ERROR), Duration.ofMillis(1500), true);

            Leaks leaks = run(EchoingSetTestCase.class, configuration());

            assertThat(server.attempts()).isNotEmpty();
            assertThat(leaks.failures()).singleElement(THROWABLE).isInstanceOf(EvaluationInfrastructureException.class)
                    .satisfies(failure -> assertThat(failure.getMessage()).contains("Bearer ***"));
            assertNoKeyAnywhere(leaks);
        }
    }

    @Nested
    @DisplayName("when the declaration is wrong")
    class BadInput {

        @Test
        @DisplayName("after the key was resolved, the configuration error does not carry it")
        void afterResolution() throws IOException {
            server = FaultInjectingServer.start(FaultPlan.always(Fault.OK), Duration.ofMillis(1500), true);

            Leaks leaks = run(UndeclaredJudgeTestCase.class, configuration());

            assertThat(leaks.failures()).singleElement(THROWABLE).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Configuration error: model [nobody] is not declared.");
            assertThat(server.attempts()).isEmpty();
            assertNoKeyAnywhere(leaks);
        }

        @Test
        @DisplayName("a key written literally in the configuration, and in a malformed base URL, stays out of the message")
        void literalKey() throws IOException {
            server = FaultInjectingServer.start(FaultPlan.always(Fault.OK), Duration.ofMillis(1500), true);
            Map<String, String> config = configuration();
            config.put("evalunit.models.leaky.api-key", KEY);
            config.put("evalunit.models.leaky.base-url", "ftp://" + KEY + "@models.invalid/v1");

            Leaks leaks = run(LeakyJudgeTestCase.class, config);

            assertThat(leaks.failures()).singleElement(THROWABLE).isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.models.leaky.base-url] must be an http(s) URL,"
                            + " e.g. https://api.openai.com/v1.");
            assertThat(server.attempts()).isEmpty();
            assertNoKeyAnywhere(leaks);
        }
    }

    // Fixtures: run only through the engine above, never directly (they are not @Nested).

    static class EveryFailureTestCase {
        // Two samples are enough to fail a judge in every way; fewer failing calls keep the run short.
        @PairwiseEval(dataset = "fault-injection/forty-questions.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question"), samples = 2),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class EchoingSetTestCase {
        @ExperimentSet("secrets/echoing-set.json")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class UndeclaredJudgeTestCase {
        @PairwiseEval(dataset = "fault-injection/forty-questions.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "nobody", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }

    static class LeakyJudgeTestCase {
        @PairwiseEval(dataset = "fault-injection/forty-questions.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "leaky", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
        }
    }
}
