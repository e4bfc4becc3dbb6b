package dev.evalunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("The error budget (evalunit.error-budget)")
class ErrorBudgetExtensionTest {

    /**
     * What a message quotes when the server fails a call: ChatServer wraps a handler's exception as a
     * 500 with {"error": "<the exception>"}, and the message quotes that error, not the raw JSON.
     */
    private static final String SERVER_ERROR = "java.lang.IllegalStateException: overloaded";

    private ChatServer server;

    @TempDir
    Path reports;

    @BeforeEach
    void start() {
        OneFailingGenerationTestCase.bodyRan = false;
        // The candidate fails on the spider question (1 of 4 examples); m1 fails every call; the rest answer.
        server = ChatServer.start(call -> {
            if (call.isAutorater()) {
                return ChatServer.verdict("A", "A is better");
            }
            if (call.model().equals("m1") || call.model().equals("candidate") && call.user().contains("spider")) {
                throw new IllegalStateException("overloaded");
            }
            return "an answer to " + call.user();
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EngineExecutionResults run(Class<?> testCase, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>();
        for (String model : List.of("candidate", "judge", "m1", "m2")) {
            config.put("evalunit.models." + model + ".base-url", server.baseUrl());
            config.put("evalunit.models." + model + ".max-retries", "0");
        }
        config.put("evalunit.report.dir", reports.toString());
        config.putAll(extra);
        return EngineRuns.run(testCase, config);
    }

    @Nested
    @DisplayName("of a pairwise evaluation")
    class PairwiseEvaluation {

        @Test
        @DisplayName("fails the test as an error, not an assertion, when the Error rows are over 10% by default")
        void overTheDefault() {
            EngineExecutionResults results = run(OneFailingGenerationTestCase.class, Map.of());

            results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
            Path judgments = reports.resolve("OneFailingGenerationTestCase.evaluation/judgments.jsonl");
            assertThat(EngineRuns.failures(results)).singleElement().satisfies(failure -> {
                assertThat(failure).isInstanceOf(EvaluationInfrastructureException.class)
                        .isNotInstanceOf(AssertionError.class);
                assertThat(failure).hasMessage("evaluation [OneFailingGenerationTestCase.evaluation] exceeded its error"
                        + " budget: 1 of 4 examples (25.0%) are errors, over the budget of 10.0%. Commonest reasons:"
                        + " 1 × HTTP 500 (e.g. model A [candidate] failed: model [candidate]: HTTP 500 after 1 attempt: "
                        + SERVER_ERROR + "). The judgments are in " + judgments + ".");
            });
            assertThat(judgments).as("the judgments are written before the budget is checked").exists();
            assertThat(OneFailingGenerationTestCase.bodyRan).as("the thresholds are not checked").isFalse();
        }

        @Test
        @DisplayName("lets the test run its thresholds when the errors are within a configured budget")
        void withinTheBudget() {
            EngineExecutionResults results = run(OneFailingGenerationTestCase.class, Map.of("evalunit.error-budget", "0.25"));

            results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
            assertThat(OneFailingGenerationTestCase.bodyRan).isTrue();
        }

        @Test
        @DisplayName("refuses a budget that is not a share before any call")
        void malformed() {
            EngineExecutionResults results = run(OneFailingGenerationTestCase.class, Map.of("evalunit.error-budget", "2"));

            assertThat(EngineRuns.failures(results)).singleElement().satisfies(failure -> assertThat(failure)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: [evalunit.error-budget] must be a share between 0 and 1, e.g. 0.1,"
                            + " but was '2'."));
            assertThat(server.requestCount()).isZero();
        }
    }

    @Nested
    @DisplayName("of an experiment set")
    class ExperimentSets {

        @Test
        @DisplayName("fails only the experiment whose failed generations are over the budget, naming it")
        void perExperiment() {
            EngineExecutionResults results = run(FlakyModelTestCase.class, Map.of());

            results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
            Path observations = reports.resolve("flaky_model").resolve("broken");
            assertThat(EngineRuns.failures(results)).singleElement().satisfies(failure -> {
                assertThat(failure).isInstanceOf(EvaluationInfrastructureException.class)
                        .isNotInstanceOf(AssertionError.class);
                assertThat(failure).hasMessage("experiment [model=m1 · run 1/1 (broken)] of set [flaky_model] exceeded its error budget:"
                        + " 3 of 3 rows (100.0%) have no answer, over the budget of 10.0%. Commonest reasons:"
                        + " 3 × HTTP 500 (e.g. model [m1]: HTTP 500 after 1 attempt: " + SERVER_ERROR + "). The observations are in "
                        + observations + ".");
            });
            assertThat(observations).isDirectory();
        }

        @Test
        @DisplayName("passes every experiment with a budget of 1, when empty metrics are allowed too")
        void budgetOfOne() {
            // Without an answer, the broken experiment's metric has no value on any row: a failure of its own.
            EngineExecutionResults results = run(FlakyModelTestCase.class, Map.of("evalunit.error-budget", "1",
                    ConfigKeys.ALLOW_EMPTY_METRICS, "true"));

            results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        }

        @Test
        @DisplayName("refuses a malformed budget before any call")
        void malformed() {
            EngineExecutionResults results = run(FlakyModelTestCase.class, Map.of("evalunit.error-budget", "-1"));

            // Reported once; the other experiment is aborted with a reference to it.
            assertThat(EngineRuns.failures(results)).singleElement().satisfies(failure -> assertThat(failure)
                    .hasMessage("Configuration error: [evalunit.error-budget] must be a share between 0 and 1, e.g. 0.1,"
                            + " but was '-1'."));
            results.testEvents().assertStatistics(stats -> stats.started(2).failed(1).aborted(1));
            assertThat(server.requestCount()).isZero();
        }
    }

    // Fixtures: run only through the engine above, never directly (they are not @Nested).

    static class OneFailingGenerationTestCase {
        static boolean bodyRan;

        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
            bodyRan = true;
        }
    }

    static class FlakyModelTestCase {
        @ExperimentSet("error-budget/flaky-model.json")
        void eachExperiment(ExperimentResult experiment) {
        }
    }
}
