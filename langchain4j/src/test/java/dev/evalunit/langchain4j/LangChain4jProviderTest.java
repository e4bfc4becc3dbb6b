package dev.evalunit.langchain4j;

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
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.evalunit.testing.ConsumerDependency;
import dev.evalunit.testing.PropertiesResource;
import dev.evalunit.testing.ReportFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("A LangChain4j ChatModel (provider langchain4j)")
class LangChain4jProviderTest {

    private static final String PREFIX = "evalunit.models.";

    @TempDir
    Path reports;

    @BeforeEach
    void clear() {
        ScriptedChatModel.REQUESTS.clear();
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

            ChatRequest candidate = ScriptedChatModel.REQUESTS.stream()
                    .filter(r -> ScriptedChatModel.lastUserText(r).startsWith("Question: What is the capital"))
                    .findFirst().orElseThrow();
            assertThat(candidate.messages().get(0)).isEqualTo(SystemMessage.from("Answer in one word."));
            assertThat(candidate.temperature()).isNull();
            ChatRequest verdict = ScriptedChatModel.REQUESTS.stream()
                    .filter(r -> ScriptedChatModel.lastUserText(r).contains("<response_a>")).findFirst().orElseThrow();
            assertThat(verdict.temperature()).isEqualTo(0.0);
            assertThat(verdict.maxOutputTokens()).isEqualTo(300);
            assertThat(verdict.responseFormat()).as("the scripted model supports no JSON schema: text").isNull();
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
            assertThat(ScriptedChatModel.REQUESTS).filteredOn(r -> !ScriptedChatModel.lastUserText(r).contains("<answer>"))
                    .allSatisfy(r -> assertThat(r.temperature()).as("the set's sampling_params").isEqualTo(0.2));
        }
    }

    @Nested
    @DisplayName("with the response cache")
    class Cache {

        @TempDir
        Path cache;

        @Test
        @DisplayName("keys each reply by the provider and the factory or class, and replays it without calling the model")
        void keysAndReplay() throws IOException {
            Map<String, String> config = declared();
            config.put("evalunit.cache.dir", cache.toString());
            config.put("evalunit.cache.mode", "live");
            run(PairwiseFixture.class, config);
            int calls = ScriptedChatModel.REQUESTS.size();
            List<String> recorded = ReportFiles.lines(reports, "judgments.jsonl");

            String entries;
            try (Stream<Path> files = Files.walk(cache)) {
                // The segments: the cache's saved index beside them is binary.
                entries = String.join("\n", files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).map(file -> {
                    try {
                        return Files.readString(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).toList());
            }
            assertThat(entries).contains("\"provider\":\"langchain4j\"",
                    "\"provider_params\":{\"factory\":\"dev.evalunit.langchain4j.Models#candidate\"}",
                    "\"provider_params\":{\"class\":\"dev.evalunit.langchain4j.ScriptedChatModel\"}");

            ScriptedChatModel.REQUESTS.clear();
            config.put("evalunit.cache.mode", "replay");
            run(PairwiseFixture.class, config);
            assertThat(calls).isEqualTo(6);
            assertThat(ScriptedChatModel.REQUESTS).as("replayed from the cache").isEmpty();
            assertThat(ReportFiles.lines(reports, "judgments.jsonl")).isEqualTo(recorded);
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
            assertThat(ScriptedChatModel.REQUESTS).as("no call before the declaration is valid").isEmpty();
            assertThat(messages).hasSize(1);
            return messages.get(0);
        }

        @Test
        @DisplayName("with neither factory nor class")
        void neither() {
            assertThat(messageFor(null, null)).isEqualTo("Configuration error: model [candidate] (provider [langchain4j]):"
                    + " neither [evalunit.models.candidate.factory] nor [evalunit.models.candidate.class] is set. Name a"
                    + " static no-argument method returning the dev.langchain4j.model.chat.ChatModel"
                    + " (evalunit.models.candidate.factory=com.acme.Models#chatModel) or a class of it with a public"
                    + " no-argument constructor (evalunit.models.candidate.class=com.acme.MyChatModel).");
        }

        @Test
        @DisplayName("with both factory and class")
        void both() {
            Map<String, String> config = declared();
            config.put(PREFIX + "candidate.class", "dev.evalunit.langchain4j.ScriptedChatModel");
            assertThat(failureMessages(run(PairwiseFixture.class, config))).containsExactly("Configuration error: model"
                    + " [candidate] (provider [langchain4j]): both [evalunit.models.candidate.factory] and"
                    + " [evalunit.models.candidate.class] are set. Keep one of the two.");
        }

        @Test
        @DisplayName("naming a class that is not on the classpath")
        void classNotFound() {
            assertThat(messageFor("factory", "com.acme.Models#chatModel")).isEqualTo("Configuration error: model"
                    + " [candidate] (provider [langchain4j]): [evalunit.models.candidate.factory] names class"
                    + " [com.acme.Models], which is not on the test classpath. Write the class's full name (nested"
                    + " classes with '$'), or add its module to the test dependencies.");
        }

        @Test
        @DisplayName("naming a method that is not static")
        void notStatic() {
            assertThat(messageFor("factory", "dev.evalunit.langchain4j.Models#notStatic")).isEqualTo("Configuration"
                    + " error: model [candidate] (provider [langchain4j]): [evalunit.models.candidate.factory] names"
                    + " method [dev.evalunit.langchain4j.Models#notStatic], which is not static. Make it static, or"
                    + " name a class with a public no-argument constructor in [evalunit.models.candidate.class]"
                    + " instead.");
        }

        @Test
        @DisplayName("naming a method that returns something else")
        void wrongReturnType() {
            assertThat(messageFor("factory", "dev.evalunit.langchain4j.Models#wrongType")).isEqualTo("Configuration"
                    + " error: model [candidate] (provider [langchain4j]): [evalunit.models.candidate.factory] names"
                    + " method [dev.evalunit.langchain4j.Models#wrongType], which returns java.lang.String, not a"
                    + " dev.langchain4j.model.chat.ChatModel. Return the chat model.");
        }

        @Test
        @DisplayName("naming a method that does not exist")
        void noSuchMethod() {
            assertThat(messageFor("factory", "dev.evalunit.langchain4j.Models#chatModel")).isEqualTo("Configuration"
                    + " error: model [candidate] (provider [langchain4j]): [evalunit.models.candidate.factory] names"
                    + " method [dev.evalunit.langchain4j.Models#chatModel], but dev.evalunit.langchain4j.Models has no"
                    + " method chatModel() without parameters. Declare static ChatModel chatModel() in it.");
        }

        @Test
        @DisplayName("with a factory that is not Class#method")
        void malformedFactory() {
            assertThat(messageFor("factory", "dev.evalunit.langchain4j.Models")).isEqualTo("Configuration error:"
                    + " model [candidate] (provider [langchain4j]): [evalunit.models.candidate.factory] must be a class"
                    + " and a method, e.g. com.acme.Models#chatModel, but was [dev.evalunit.langchain4j.Models]. Write"
                    + " the class's full name, '#' and the method's name.");
        }

        @Test
        @DisplayName("naming a class that is not a ChatModel")
        void notAChatModel() {
            assertThat(messageFor("class", "dev.evalunit.langchain4j.Models")).isEqualTo("Configuration error: model"
                    + " [candidate] (provider [langchain4j]): [evalunit.models.candidate.class] names class"
                    + " [dev.evalunit.langchain4j.Models], which is not a dev.langchain4j.model.chat.ChatModel. Name a"
                    + " class that implements it.");
        }

        @Test
        @DisplayName("with a factory that throws")
        void factoryThrows() {
            assertThat(messageFor("factory", "dev.evalunit.langchain4j.Models#failing")).isEqualTo("Configuration"
                    + " error: model [candidate] (provider [langchain4j]): [evalunit.models.candidate.factory]: method"
                    + " [dev.evalunit.langchain4j.Models#failing] failed: IllegalStateException: no API key in this"
                    + " environment. Fix it so that it makes the chat model.");
        }

        @Test
        @DisplayName("with extra-params, which a ChatModel does not take")
        void extraParams() {
            Map<String, String> config = declared();
            config.put(PREFIX + "candidate.extra-params", "{\"seed\": 7}");
            assertThat(failureMessages(run(PairwiseFixture.class, config))).containsExactly("Configuration error: model"
                    + " [candidate] (provider [langchain4j]): extra parameters ([evalunit.models.candidate.extra-params]"
                    + " or an experiment's [extra_params]) do not reach a chat model called in process. Set the model's"
                    + " options where its factory method or class builds it, and leave them unset.");
        }
    }

    @Nested
    @DisplayName("in an experiment set")
    class SamplingParameters {

        @Test
        @DisplayName("refuses a sampling parameter other than temperature, top_p and max_tokens before any call")
        void unknownSamplingParameter() {
            List<String> messages = failureMessages(run(SeededFixture.class, declared()));

            assertThat(messages).containsExactly("Configuration error: [model.sampling_params.seed] of experiment"
                    + " [seeded] is not a sampling parameter of provider [langchain4j]. Known: temperature, top_p, max_tokens. Correct it,"
                    + " or pass it through unchecked in [model.extra_params].");
            assertThat(ScriptedChatModel.REQUESTS).isEmpty();
        }

        @Test
        @DisplayName("refuses extra_params, which do not reach a ChatModel, before any call")
        void extraParams() {
            List<String> messages = failureMessages(run(ExtraParamsFixture.class, declared()));

            assertThat(messages).containsExactly("Configuration error: model [candidate] (provider [langchain4j]): extra"
                    + " parameters ([evalunit.models.candidate.extra-params] or an experiment's [extra_params]) do not"
                    + " reach a chat model called in process. Set the model's options where its factory method or class"
                    + " builds it, and leave them unset.");
            assertThat(ScriptedChatModel.REQUESTS).isEmpty();
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

    static class SeededFixture {
        @ExperimentSet("expsets/seed.json")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class ExtraParamsFixture {
        @ExperimentSet("expsets/extra-params.json")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    static class ExperimentFixture {
        @ExperimentSet("expsets/chat-model.json")
        void eachExperiment(ExperimentResult experiment) {
            assertThat(experiment.rows()).hasSize(2);
        }
    }
}
