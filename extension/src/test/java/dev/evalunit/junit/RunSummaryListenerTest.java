package dev.evalunit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.pairwise.HumanAlignment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

@DisplayName("The run-level summary and the console progress")
class RunSummaryListenerTest {

    private ChatServer server;

    @TempDir
    Path reports;

    @TempDir
    Path github;

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> configuration(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>();
        for (String model : List.of("candidate", "judge", "m1", "m2")) {
            config.put("evalunit.models." + model + ".base-url", server.baseUrl());
            config.put("evalunit.models." + model + ".max-retries", "0");
        }
        config.put("evalunit.report.dir", reports.toString());
        config.put("evalunit.cache.mode", "off");
        config.putAll(extra);
        return config;
    }

    /** As Surefire runs a fork: the Launcher, with the listener as its ServiceLoader registration would add it. */
    private void launch(Map<String, String> environment, Class<?>... testCases) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(java.util.Arrays.stream(testCases).map(c -> selectClass(c)).toList())
                .configurationParameters(configuration(Map.of())).build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(new RunSummaryListener(environment::get)).build());
        launcher.execute(request);
    }

    private void startJudgingForA() {
        server = ChatServer.start(call -> {
            if (call.isAutorater()) {
                return JUDGE.apply(ChatServer.judgeCall(call.user()));
            }
            if (call.model().equals("m1")) {
                throw new IllegalStateException("overloaded");
            }
            return call.user().contains("capital") || call.user().contains("Hamlet") ? "a good answer" : "so-so";
        });
    }

    /** Against the humans' A, A, TIE, B: A, tie, B, A (answers with "good" win). */
    private static final java.util.function.Function<ChatServer.JudgeCall, String> JUDGE = ChatServer.judgePreferring("good");

    @Nested
    @DisplayName("summary.md")
    class SummaryFile {

        @Test
        @DisplayName("has one row per evaluation of the run, with its gate outcome and figures")
        void rows() throws IOException {
            startJudgingForA();

            launch(Map.of(), PassingAndFailingTestCase.class, SetTestCase.class);

            PairwiseMetrics m = PassingAndFailingTestCase.results.get("winning").metrics();
            HumanAlignment h = m.humanAlignment();
            String winRate = String.format(Locale.ROOT, "A wins %.1f%% [%.1f%%, %.1f%%]; κ %.3f [%.3f, %.3f]",
                    m.modelAWinRate() * 100, m.modelAWinRateCiLow() * 100, m.modelAWinRateCiHigh() * 100,
                    h.cohensKappa(), h.cohensKappaCiLow(), h.cohensKappaCiHigh());
            // ChatServer's usage is 10 in, 5 out per reply: 4 examples x (1 answer + 4 autorater samples) = 20 replies.
            String tokens = "200 tokens in, 100 out";
            assertThat(Files.readAllLines(reports.resolve("summary.md"))).containsExactly(
                    "## evalunit",
                    "",
                    "| outcome | evaluation | kind | key figures (95% CI) | report |",
                    "|---|---|---|---|---|",
                    "| fail | PassingAndFailingTestCase.losing | pairwise | " + winRate + "; 0/4 errors; " + tokens + " |  |",
                    "| pass | PassingAndFailingTestCase.winning | pairwise | " + winRate + "; 0/4 errors; " + tokens + " |  |",
                    "| error | flaky_model | set | output_length: best model=m2 " + String.format(Locale.ROOT, "%.3f",
                            SetTestCase.healthy.metric("output_length").orElseThrow().mean())
                            // The set's 3 replies (its other model fails every call).
                            + "; 30 tokens in, 15 out |  |");
        }

        @Test
        @DisplayName("goes once into the GitHub step summary, however many forks finish")
        void stepSummary() throws IOException {
            startJudgingForA();
            Path step = github.resolve("step-summary.md");
            Files.writeString(step, "# Build\n\nearlier step\n");

            launch(Map.of("GITHUB_STEP_SUMMARY", step.toString()), PassingAndFailingTestCase.class);
            // A second fork of the same run finishes later: it replaces the block, it does not add one.
            launch(Map.of("GITHUB_STEP_SUMMARY", step.toString()), PassingAndFailingTestCase.class);

            String text = Files.readString(step);
            assertThat(text).startsWith("# Build\n\nearlier step\n<!-- evalunit summary -->\n## evalunit\n")
                    .endsWith("<!-- /evalunit summary -->\n")
                    .contains(Files.readString(reports.resolve("summary.md")));
            assertThat(text.split("## evalunit", -1)).hasSize(2);
        }
    }

    @Nested
    @DisplayName("an evaluation launched again by a test of the same run (as a sample's own test does)")
    class LaunchedAgain {

        @TempDir
        Path inner;

        @Test
        @DisplayName("keeps its outcome in the run's summary, and gets its own in the other report directory")
        void keepsOutcome() throws IOException {
            startJudgingForA();
            Map<String, String> innerConfiguration = configuration(Map.of());
            innerConfiguration.put("evalunit.report.dir", inner.toString());
            RelaunchingTestCase.innerConfiguration = innerConfiguration;

            launch(Map.of(), RelaunchingTestCase.class);

            assertThat(RelaunchingTestCase.innerSucceeded).as("the inner launch ran the evaluation").isTrue();
            assertThat(Files.readAllLines(reports.resolve("summary.md")))
                    .filteredOn(line -> line.contains(" | RelaunchingTestCase.winning | "))
                    .singleElement().asString().startsWith("| pass | RelaunchingTestCase.winning | pairwise | A wins ");
            assertThat(Files.readAllLines(inner.resolve("summary.md")))
                    .filteredOn(line -> line.contains(" | RelaunchingTestCase.winning | "))
                    .singleElement().asString().startsWith("| pass | RelaunchingTestCase.winning | pairwise | A wins ");
        }
    }

    @Nested
    @DisplayName("the progress line")
    class ProgressLine {

        @Test
        @DisplayName("shows calls done, errors, in flight, from cache and time left in a slow run")
        void slow() {
            server = ChatServer.start(call -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return call.isAutorater() ? ChatServer.verdict("A", "A is better") : "an answer";
            });

            String console = EngineRuns.runCapturingConsole(PassingAndFailingTestCase.class,
                    configuration(Map.of("evalunit.concurrency", "1"))).console();

            assertThat(console).containsPattern(
                    "\\[evalunit] PassingAndFailingTestCase\\.(winning|losing): [0-3]/4 done, 0 errors, 1 in flight,"
                            + " 0 replies from cache, about \\d+ s left");
        }

        @Test
        @DisplayName("stays quiet in a run of less than three seconds")
        void fast() {
            startJudgingForA();

            String console = EngineRuns.runCapturingConsole(PassingAndFailingTestCase.class, configuration(Map.of())).console();

            assertThat(console).doesNotContain(" done, ").contains("judgments written to");
        }
    }

    // Fixtures: run only through the launcher above, never directly (they are not @Nested).

    static class SetTestCase {
        static ExperimentResult healthy;

        @ExperimentSet("error-budget/flaky-model.json")
        void eachExperiment(ExperimentResult experiment) {
            if (experiment.name().equals("healthy")) {
                healthy = experiment;
            }
        }
    }

    /** Its evaluation runs, then its second test launches that same evaluation into another report directory. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class RelaunchingTestCase {
        static Map<String, String> innerConfiguration;
        static volatile boolean innerSucceeded;

        @Order(1)
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void winning(PairwiseResult result) {
        }

        @Order(2)
        @Test
        void launchesItAgain() {
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false)
                            .addTestExecutionListeners(new RunSummaryListener(name -> null), summary).build())
                    .execute(LauncherDiscoveryRequestBuilder.request()
                            .selectors(selectMethod(RelaunchingTestCase.class, "winning", PairwiseResult.class.getName()))
                            .configurationParameters(innerConfiguration).build());
            innerSucceeded = summary.getSummary().getTestsSucceededCount() == 1;
        }
    }

    static class PassingAndFailingTestCase {
        static final Map<String, PairwiseResult> results = new java.util.concurrent.ConcurrentHashMap<>();

        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                humanPreferenceColumn = "human",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void winning(PairwiseResult result) {
            results.put("winning", result);
        }

        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                humanPreferenceColumn = "human",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void losing(PairwiseResult result) {
            results.put("losing", result);
            assertThat(result.metrics().modelAWinRate()).as("A loses").isLessThan(0.1);
        }
    }
}
