package dev.evalunit.springai;

import static dev.evalunit.testing.EngineRuns.failureMessages;
import static dev.evalunit.testing.EngineRuns.run;
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
import dev.evalunit.testing.ConsumerDependency;
import dev.evalunit.testing.PropertiesResource;
import dev.evalunit.testing.ReportFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.springframework.ai.chat.messages.MessageType;

@DisplayName("A Spring AI ChatModel (provider spring-ai)")
class SpringAiProviderTest {

    private static final String PREFIX = "evalunit.models.";

    @TempDir
    Path reports;

    @BeforeEach
    void clear() {
        ScriptedChatModel.PROMPTS.clear();
    }

    /**
     * The declarations of chat-models.properties (quoted in docs/chat-model-adapters.md), two autorater samples, and
     * this test's report directory.
     */
    private Map<String, String> declared() {
        Map<String, String> config = PropertiesResource.asMap("/chat-models.properties");
        config.put("evalunit.autorater.samples", "2");
        config.put("evalunit.report.dir", reports.toString());
        return config;
    }

    @Test
    @DisplayName("ships the dependency that docs/chat-model-adapters.md shows")
    void consumerDependency() {
        ConsumerDependency.check();
    }

    @Nested
    @DisplayName("as a candidate and as the autorater of a pairwise evaluation")
    class Pairwise {

        @Test
        @DisplayName("answers every example and judges it; the judgments file holds its verdicts")
        void judgments() {
            EngineExecutionResults results = run(PairwiseFixture.class, declared());

            results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
            List<String> judgments = ReportFiles.lines(reports, "judgments.jsonl");
            assertThat(judgments).hasSize(2).allSatisfy(line -> assertThat(line)
                    .contains("\"choice\":\"Model A\"", "\"confidence\":1.0", "\"model_a\":\"candidate\""));
            assertThat(judgments.get(0)).contains("\"id\":\"q1\"", "\"response_a\":\"Paris\"", "\"response_b\":\"Lyon\"");
            assertThat(judgments.get(1)).contains("\"id\":\"q2\"", "\"response_a\":\"eight\"", "\"response_b\":\"Six\"");
        }

        @Test
        @DisplayName("gets the system prompt as a system message and the model's sampling parameters")
        void requestMapping() {
            run(PairwiseFixture.class, declared());

            org.springframework.ai.chat.prompt.Prompt candidate = ScriptedChatModel.PROMPTS.stream()
                    .filter(p -> ScriptedChatModel.lastUserText(p).startsWith("Question: What is the capital"))
                    .findFirst().orElseThrow();
            assertThat(candidate.getInstructions().get(0).getMessageType()).isEqualTo(MessageType.SYSTEM);
            assertThat(candidate.getInstructions().get(0).getText()).isEqualTo("Answer in one word.");
            assertThat(candidate.getOptions()).as("no sampling parameter set: the model's defaults stand").isNull();
            org.springframework.ai.chat.prompt.Prompt verdict = ScriptedChatModel.PROMPTS.stream()
                    .filter(p -> ScriptedChatModel.lastUserText(p).contains("<response_a>")).findFirst().orElseThrow();
            assertThat(verdict.getOptions().getTemperature()).isEqualTo(0.0);
            assertThat(verdict.getOptions().getMaxTokens()).isEqualTo(300);
        }
    }

    @Nested
    @DisplayName("whose default options take an output schema")
    class OutputSchema {

        @Test
        @DisplayName("gets the verdict's schema in a copy of them, with the sampling parameters merged in")
        void schema() {
            Map<String, String> config = declared();
            config.remove(PREFIX + "judge.class");
            config.put(PREFIX + "judge.class", "dev.evalunit.springai.SchemaChatModel");
            run(PairwiseFixture.class, config);

            assertThat(ReportFiles.lines(reports, "judgments.jsonl")).hasSize(2)
                    .allSatisfy(line -> assertThat(line).contains("\"choice\":\"Model A\""));
            org.springframework.ai.chat.prompt.Prompt verdict = ScriptedChatModel.PROMPTS.stream()
                    .filter(p -> ScriptedChatModel.lastUserText(p).contains("<response_a>")).findFirst().orElseThrow();
            assertThat(verdict.getOptions()).isInstanceOfSatisfying(SchemaOptions.class, options -> {
                assertThat(options.getModel()).as("the model's own default").isEqualTo("judge-v1");
                assertThat(options.getTemperature()).as("evalunit's temperature wins").isEqualTo(0.0);
                assertThat(options.getMaxTokens()).isEqualTo(300);
                assertThat(options.getOutputSchema()).startsWith("{").contains("\"choice\"");
            });
        }
    }

    @Nested
    @DisplayName("whose reply stops at the token limit")
    class Cut {

        @Test
        @DisplayName("makes each example an Error judgment that names the finish reason")
        void errorRows() {
            Map<String, String> config = declared();
            config.put(PREFIX + "candidate.factory", "dev.evalunit.springai.Models#truncating");
            run(PairwiseFixture.class, config);

            assertThat(ReportFiles.lines(reports, "judgments.jsonl")).hasSize(2).allSatisfy(line -> assertThat(line).contains(
                    "\"choice\":\"Error\"", "model [candidate]: the reply is not an answer: cut at the token limit"
                            + " (finishReason LENGTH). Raise [evalunit.models.candidate.max-tokens], or ask for a shorter"
                            + " answer."));
        }
    }

    @Nested
    @DisplayName("as an experiment set's model and judge")
    class Experiments {

        @Test
        @DisplayName("answers each row and scores it; the observations file holds the answers and scores")
        void observations() {
            EngineExecutionResults results = run(ExperimentFixture.class, declared());

            results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
            List<String> observations = ReportFiles.lines(reports, "observations.jsonl");
            assertThat(observations).hasSize(2);
            assertThat(observations.get(0)).contains("\"output\":\"Paris\"", "\"judge_precision\"");
            assertThat(observations.get(1)).contains("\"output\":\"eight\"");
            assertThat(ScriptedChatModel.PROMPTS).filteredOn(p -> !ScriptedChatModel.lastUserText(p).contains("<answer>"))
                    .allSatisfy(p -> assertThat(p.getOptions().getTemperature()).as("the set's sampling_params").isEqualTo(0.2));
        }
    }

    @Nested
    @DisplayName("declared wrongly")
    class BadDeclarations {

        private String messageFor(String key, String value) {
            Map<String, String> config = declared();
            config.remove(PREFIX + "candidate.factory");
            if (key != null) {
                config.put(PREFIX + "candidate." + key, value);
            }
            List<String> messages = failureMessages(run(PairwiseFixture.class, config));
            assertThat(ScriptedChatModel.PROMPTS).as("no call before the declaration is valid").isEmpty();
            assertThat(messages).hasSize(1);
            return messages.get(0);
        }

        @Test
        @DisplayName("with neither factory nor class")
        void neither() {
            assertThat(messageFor(null, null)).isEqualTo("Configuration error: model [candidate] (provider [spring-ai]):"
                    + " neither [evalunit.models.candidate.factory] nor [evalunit.models.candidate.class] is set. Name a"
                    + " static no-argument method returning the org.springframework.ai.chat.model.ChatModel"
                    + " (evalunit.models.candidate.factory=com.acme.Models#chatModel) or a class of it with a public"
                    + " no-argument constructor (evalunit.models.candidate.class=com.acme.MyChatModel).");
        }

        @Test
        @DisplayName("with both factory and class")
        void both() {
            Map<String, String> config = declared();
            config.put(PREFIX + "candidate.class", "dev.evalunit.springai.ScriptedChatModel");
            assertThat(failureMessages(run(PairwiseFixture.class, config))).containsExactly("Configuration error: model"
                    + " [candidate] (provider [spring-ai]): both [evalunit.models.candidate.factory] and"
                    + " [evalunit.models.candidate.class] are set. Keep one of the two.");
        }

        @Test
        @DisplayName("naming a class that is not on the classpath")
        void classNotFound() {
            assertThat(messageFor("factory", "com.acme.Models#chatModel")).isEqualTo("Configuration error: model"
                    + " [candidate] (provider [spring-ai]): [evalunit.models.candidate.factory] names class"
                    + " [com.acme.Models], which is not on the test classpath. Write the class's full name (nested"
                    + " classes with '$'), or add its module to the test dependencies.");
        }

        @Test
        @DisplayName("naming a method that is not static")
        void notStatic() {
            assertThat(messageFor("factory", "dev.evalunit.springai.Models#notStatic")).isEqualTo("Configuration"
                    + " error: model [candidate] (provider [spring-ai]): [evalunit.models.candidate.factory] names"
                    + " method [dev.evalunit.springai.Models#notStatic], which is not static. Make it static, or"
                    + " name a class with a public no-argument constructor in [evalunit.models.candidate.class]"
                    + " instead.");
        }

        @Test
        @DisplayName("naming a method that returns something else")
        void wrongReturnType() {
            assertThat(messageFor("factory", "dev.evalunit.springai.Models#wrongType")).isEqualTo("Configuration"
                    + " error: model [candidate] (provider [spring-ai]): [evalunit.models.candidate.factory] names"
                    + " method [dev.evalunit.springai.Models#wrongType], which returns java.lang.String, not a"
                    + " org.springframework.ai.chat.model.ChatModel. Return the chat model.");
        }

        @Test
        @DisplayName("naming a class that is not a ChatModel")
        void notAChatModel() {
            assertThat(messageFor("class", "dev.evalunit.springai.Models")).isEqualTo("Configuration error: model"
                    + " [candidate] (provider [spring-ai]): [evalunit.models.candidate.class] names class"
                    + " [dev.evalunit.springai.Models], which is not a org.springframework.ai.chat.model.ChatModel. Name a"
                    + " class that implements it.");
        }

        @Test
        @DisplayName("with extra-params, which a ChatModel does not take")
        void extraParams() {
            Map<String, String> config = declared();
            config.put(PREFIX + "candidate.extra-params", "{\"seed\": 7}");
            assertThat(failureMessages(run(PairwiseFixture.class, config))).containsExactly("Configuration error: model"
                    + " [candidate] (provider [spring-ai]): extra parameters ([evalunit.models.candidate.extra-params]"
                    + " or an experiment's [extra_params]) do not reach a chat model called in process. Set the model's"
                    + " options where its factory method or class builds it, and leave them unset.");
        }
    }

    // Fixtures: run only through the engine above.

    static class PairwiseFixture {
        @PairwiseEval(dataset = "datasets/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(template = "Answer the question: {{ question }}")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(name = "prompt",
                        template = "Question: {{ question }}")),
                modelB = @Candidate(responseColumn = "model_b_response"))
        void candidateBeatsBaseline(PairwiseResult result) {
            assertThat(result.judgments()).hasSize(2);
        }
    }

    static class ExperimentFixture {
        @ExperimentSet("expsets/chat-model.json")
        void eachExperiment(ExperimentResult experiment) {
            assertThat(experiment.rows()).hasSize(2);
        }
    }
}
