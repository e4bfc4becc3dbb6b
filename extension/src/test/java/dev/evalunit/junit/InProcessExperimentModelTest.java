package dev.evalunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.ExperimentSetResults;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetDefinition;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("An experiment set's model may be a method of the test class")
class InProcessExperimentModelTest {

    /** What the fixtures' methods received, and the experiments they saw. */
    static final Queue<String> PROMPTS = new ConcurrentLinkedQueue<>();
    static final Queue<ExperimentResult> EXPERIMENTS = new ConcurrentLinkedQueue<>();

    private ChatServer server;

    @BeforeEach
    void start() {
        PROMPTS.clear();
        EXPERIMENTS.clear();
        server = ChatServer.start(call -> "model says: " + call.user());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EngineExecutionResults run(Class<?> testCase) {
        return runCapturingConsole(testCase).results();
    }

    private EngineRuns.Captured runCapturingConsole(Class<?> testCase) {
        Map<String, String> config = new HashMap<>();
        config.put("evalunit.models.m1.base-url", server.baseUrl());
        config.put("evalunit.models.m1.max-retries", "0");
        return EngineRuns.runCapturingConsole(testCase, config);
    }

    private static ExperimentResult experiment(String modelName) {
        return EXPERIMENTS.stream().filter(e -> modelName.equals(e.modelName())).findFirst().orElseThrow();
    }

    private static List<String> outputs(ExperimentResult experiment) {
        return experiment.rows().stream().map(row -> row.generation().output()).toList();
    }

    @Nested
    @DisplayName("declared in JSON as {\"method\": \"answer\"}")
    class Json {

        @Test
        @DisplayName("is called with each row's prompt (prelude and query) and its return value is the answer; no request is made")
        void answers() {
            EngineRuns.Captured run = runCapturingConsole(JsonTestCase.class);
            EngineExecutionResults results = run.results();

            results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
            assertThat(run.console()).contains("[evalunit] experiment set in_process: 1 experiment, summary written to ");
            assertThat(PROMPTS).containsExactlyInAnyOrder(
                    "Answer in one word.\n\nWhat is the capital of France?",
                    "Answer in one word.\n\nHow many legs has a spider?",
                    "Answer in one word.\n\nWho wrote Hamlet?");
            ExperimentResult experiment = experiment("answer");
            assertThat(outputs(experiment)).containsExactly("Paris", "eight", "Shakespeare");
            assertThat(experiment.rows()).allSatisfy(row -> assertThat(row.generation().seconds()).isNotNull());
            assertThat(experiment.configuration()).containsEntry("model",
                    Map.of("method", "answer", "prelude_prompt", "Answer in one word."));
            assertThat(server.requestCount()).isZero();
        }
    }

    @Nested
    @DisplayName("declared with the Java builder")
    class Builder {

        @Test
        @DisplayName("stands beside models on the model axis, named model=answer")
        void besideModels() {
            EngineRuns.Captured run = runCapturingConsole(BuilderTestCase.class);
            EngineExecutionResults results = run.results();
            assertThat(run.console()).contains("[evalunit] experiment set in_process_built: 2 experiments, summary written to ");

            assertThat(results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                    .containsExactly("model=m1 · run 1/1", "model=answer · run 1/1");
            assertThat(outputs(experiment("answer"))).containsExactly("Paris", "eight", "Shakespeare");
            assertThat(outputs(experiment("m1"))).allSatisfy(output -> assertThat(output).startsWith("model says: "));
            assertThat(server.requestCount()).as("only m1's rows reach the server").isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("declared with the annotation's methods attribute")
    class Attributes {

        @Test
        @DisplayName("adds the methods to the models axis")
        void methodsAttribute() {
            run(AttributesTestCase.class);

            assertThat(EXPERIMENTS).extracting(ExperimentResult::modelName).containsExactlyInAnyOrder("m1", "answer");
            assertThat(outputs(experiment("answer"))).containsExactly("Paris", "eight", "Shakespeare");
        }
    }

    @Nested
    @DisplayName("that fails")
    class Failures {

        @Test
        @DisplayName("on one row makes that row an error, as a failed model call does, and the others stand")
        void rowError() {
            run(ThrowingTestCase.class);

            List<RowResult> rows = experiment("answer").rows();
            assertThat(rows.get(1).generation().error()).isEqualTo("method [answer] failed: no answer about spiders");
            assertThat(rows.get(1).scores().get("output_length").error())
                    .isEqualTo("no answer to score: method [answer] failed: no answer about spiders");
            assertThat(rows.get(0).generation().output()).isEqualTo("Paris");
            assertThat(rows.get(2).generation().output()).isEqualTo("Shakespeare");
        }

        @Test
        @DisplayName("to have the expected signature is a configuration error before any call")
        void wrongSignature() {
            EngineExecutionResults results = run(WrongSignatureTestCase.class);

            assertThat(EngineRuns.failures(results)).singleElement().satisfies(failure -> assertThat(failure.getMessage())
                    .isEqualTo("Configuration error: [model] of experiment [method] names method [answer], but"
                            + " WrongSignatureTestCase has no method answer(String prompt) or answer(Map<String, String>"
                            + " params) returning String. Declare exactly one."));
            assertThat(PROMPTS).isEmpty();
            assertThat(server.requestCount()).isZero();
        }
    }

    // Fixtures: run only through the engine above.

    static String knownAnswer(String prompt) {
        PROMPTS.add(prompt);
        return prompt.contains("France") ? "Paris" : prompt.contains("spider") ? "eight" : "Shakespeare";
    }

    static class JsonTestCase {
        String answer(String prompt) {
            return knownAnswer(prompt);
        }

        @ExperimentSet("expsets/in-process.json")
        void eachExperiment(ExperimentResult experiment) {
            EXPERIMENTS.add(experiment);
        }
    }

    static class BuilderTestCase {
        static ExperimentSetDefinition set() {
            return ExperimentSetDefinition.named("in_process_built")
                    .common("dataset", "datasets/exp-qa.jsonl")
                    .common("metrics", List.of("output_length"))
                    .grid("model", List.of(Map.of("name", "m1"), Map.of("method", "answer")))
                    .build();
        }

        static String answer(String prompt) {
            return knownAnswer(prompt);
        }

        @ExperimentSet(builder = "set")
        void eachExperiment(ExperimentResult experiment) {
            EXPERIMENTS.add(experiment);
        }
    }

    static class AttributesTestCase {
        String answer(String prompt) {
            return knownAnswer(prompt);
        }

        @ExperimentSet(name = "in_process_attributes", dataset = "datasets/exp-qa.jsonl", metrics = "output_length",
                models = "m1", methods = "answer")
        void eachExperiment(ExperimentResult experiment) {
            EXPERIMENTS.add(experiment);
        }
    }

    static class ThrowingTestCase {
        String answer(String prompt) {
            if (prompt.contains("spider")) {
                throw new IllegalStateException("no answer about spiders");
            }
            return knownAnswer(prompt);
        }

        @ExperimentSet(name = "in_process_throwing", dataset = "datasets/exp-qa.jsonl", metrics = "output_length",
                methods = "answer")
        void eachExperiment(ExperimentResult experiment) {
        }

        // The experiment's own test fails its error budget (1 row of 3): the set's result is read here.
        @Test
        void wholeSet(@ExperimentSetResults("in_process_throwing") ExperimentSetResult set) {
            EXPERIMENTS.addAll(set.experiments());
        }
    }

    static class WrongSignatureTestCase {
        int answer(String prompt) {
            return knownAnswer(prompt).length();
        }

        @ExperimentSet("expsets/in-process.json")
        void eachExperiment(ExperimentResult experiment) {
            EXPERIMENTS.add(experiment);
        }
    }
}
