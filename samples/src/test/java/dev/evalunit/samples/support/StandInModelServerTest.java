package dev.evalunit.samples.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.Task;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.autorater.AutoraterInput;
import dev.evalunit.api.spi.MetricInput;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.autorater.AutoraterPrompts;
import dev.evalunit.metrics.MetricRegistry;
import dev.evalunit.samples.support.CapitalFacts.Capital;
import dev.evalunit.samples.support.ScriptedRecaller.Claim;
import dev.evalunit.samples.support.ScriptedRecaller.Phrasing;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The stand-in is only useful if its verdicts are fair to both positions and its replies look like OpenAI's. */
@DisplayName("The scripted stand-in model server")
class StandInModelServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String CONTEXT = "The museum is open every day except Monday. Entry to the museum costs "
            + "12 euros for adults. Students and seniors pay 6 euros, and children under 12 enter for free.";
    private static final AutoraterInput INPUT = new AutoraterInput(
            "Answer the question: How much does the museum charge students for entry?", CONTEXT,
            "Entry to the museum costs 12 euros for adults.", "Students pay 6 euros for entry to the museum.");

    @Nested
    @DisplayName("as a judge")
    class AsJudge {

        @Test
        @DisplayName("gives the same verdict whichever answer is shown first")
        void swapsItsVerdictWithThePositions() {
            String shownInOrder = ScriptedJudge.judge(AutoraterPrompts.render(Task.QUESTION_ANSWERING, INPUT, Position.AB)).choice();
            String shownSwapped = ScriptedJudge.judge(AutoraterPrompts.render(Task.QUESTION_ANSWERING, INPUT, Position.BA)).choice();

            assertThat(shownInOrder).isEqualTo("B");
            assertThat(shownSwapped).isEqualTo("A");
        }

        @Test
        @DisplayName("calls two equally good answers a tie and says why")
        void tiesEqualAnswers() {
            AutoraterInput same = new AutoraterInput(INPUT.instruction(), CONTEXT, INPUT.responseB(), INPUT.responseB());

            ScriptedJudge.Verdict verdict = ScriptedJudge.judge(AutoraterPrompts.render(Task.QUESTION_ANSWERING, same, Position.AB));

            assertThat(verdict.choice()).isEqualTo("TIE");
            assertThat(verdict.explanation()).endsWith("The scores differ by 0.00, within the tie margin of 0.05.");
        }

        @Test
        @DisplayName("prefers saying the context lacks the answer to inventing one")
        void prefersAbstainingToInventing() {
            AutoraterInput unanswerable = new AutoraterInput("Answer the question: Who is the museum's director?", CONTEXT,
                    "The context does not say.", "The director is Ana Ruiz.");

            assertThat(ScriptedJudge.judge(AutoraterPrompts.render(Task.QUESTION_ANSWERING, unanswerable, Position.AB)).choice())
                    .isEqualTo("A");
        }
    }

    @Nested
    @DisplayName("as an answerer")
    class AsAnswerer {

        @Test
        @DisplayName("quotes the context sentence sharing the most words with the question on the last line")
        void quotesTheBestSentence() {
            String prompt = "Answer using only the context.\n\n" + CONTEXT + "\n\nQuestion: Which day is the museum closed?";

            assertThat(ScriptedAnswerer.answer(prompt)).isEqualTo("The museum is open every day except Monday.");
        }
    }

    @Nested
    @DisplayName("as the quiz models m1 and m2")
    class AsQuizModels {

        private final Capital australia = CapitalFacts.askedAbout("Australia").orElseThrow();

        @Test
        @DisplayName("at temperature 0, m1 names every capital of its table in a plain sentence")
        void m1KnowsEveryCapital() {
            for (Capital capital : CapitalFacts.ALL) {
                assertThat(ScriptedRecaller.answer("m1", 0, question(capital), 0))
                        .isEqualTo("The capital of " + capital.country() + " is " + capital.capital() + ".");
            }
        }

        @Test
        @DisplayName("at temperature 0, m2 names the city an obscure capital is mistaken for")
        void m2MistakesObscureCapitals() {
            Capital burundi = CapitalFacts.askedAbout("What is the capital of Burundi?").orElseThrow();

            assertThat(ScriptedRecaller.answer("m2", 0, question(burundi), 0)).isEqualTo("The capital of Burundi is Bujumbura.");
            assertThat(ScriptedRecaller.answer("m2", 0, question(australia), 0)).isEqualTo("The capital of Australia is Canberra.");
            assertThat(CapitalFacts.ALL.stream().filter(Capital::obscure).map(Capital::country))
                    .containsExactly("Myanmar", "Benin", "Burundi", "Palau");
        }

        @Test
        @DisplayName("finds the country after a prelude, and says so when the table lacks it")
        void readsTheQuestion() {
            assertThat(ScriptedRecaller.answer("m1", 0, "Answer in one short sentence.\n\nWhat is the capital of Côte d'Ivoire?", 0))
                    .isEqualTo("The capital of Côte d'Ivoire is Yamoussoukro.");
            assertThat(ScriptedRecaller.answer("m1", 0, "What is the capital of France?", 0))
                    .isEqualTo(ScriptedRecaller.UNKNOWN_COUNTRY);
        }

        @Test
        @DisplayName("answers a repeated request differently at temperature 0.8, and the n-th repeat the same every time")
        void repeatsDifferButReproduce() {
            List<String> first = answers("m1", 0.8, question(australia), 20);
            List<String> again = answers("m1", 0.8, question(australia), 20);

            assertThat(new HashSet<>(first)).hasSizeGreaterThan(1);
            assertThat(again).isEqualTo(first);
        }

        @Test
        @DisplayName("slips more at temperature 0.8 than at 0.2, about as often as its chance says")
        void slipsGrowWithTemperature() {
            // 14 questions x 50 occurrences: enough for the shares to sit near their chances (1% and 19%).
            double wrongAtLow = wrongShare("m1", 0.2, 50);
            double wrongAtHigh = wrongShare("m1", 0.8, 50);

            assertThat(ScriptedRecaller.slipChance(0.2)).isCloseTo(0.012, within(1e-9));
            assertThat(wrongAtLow).isLessThan(0.03);
            assertThat(wrongAtHigh).isBetween(0.14, 0.25);
        }

        @Test
        @DisplayName("says each claim in three ways, and hedges in one")
        void phrasings() {
            assertThat(ScriptedRecaller.say(Claim.RIGHT, Phrasing.TERSE, australia)).isEqualTo("Canberra.");
            assertThat(ScriptedRecaller.say(Claim.RIGHT, Phrasing.WORDY, australia))
                    .isEqualTo("Canberra is the capital of Australia, although Sydney is its largest city.");
            assertThat(ScriptedRecaller.say(Claim.MISTAKEN, Phrasing.WORDY, australia))
                    .isEqualTo("Sydney is the capital of Australia and its largest city.");
            assertThat(ScriptedRecaller.say(Claim.HEDGED, Phrasing.PLAIN, australia)).isEqualTo("It is either Sydney or Canberra.");
        }

        private static String question(Capital capital) {
            return "What is the capital of " + capital.country() + "?";
        }

        private static List<String> answers(String model, double temperature, String prompt, int count) {
            List<String> answers = new ArrayList<>();
            for (int occurrence = 0; occurrence < count; occurrence++) {
                answers.add(ScriptedRecaller.answer(model, temperature, prompt, occurrence));
            }
            return answers;
        }

        private static double wrongShare(String model, double temperature, int occurrences) {
            int wrong = 0;
            for (Capital capital : CapitalFacts.ALL) {
                for (String answer : answers(model, temperature, question(capital), occurrences)) {
                    boolean right = Arrays.stream(Phrasing.values())
                            .anyMatch(phrasing -> answer.equals(ScriptedRecaller.say(Claim.RIGHT, phrasing, capital)));
                    wrong += right ? 0 : 1;
                }
            }
            return (double) wrong / (CapitalFacts.ALL.size() * occurrences);
        }
    }

    @Nested
    @DisplayName("as the metric judge, reading evalunit's own metric prompts")
    class AsMetricJudge {

        private static final String QUESTION = "What is the capital of Australia?";

        @Test
        @DisplayName("judge_precision: 1 for the expected answer in any sentence, 0 for another city or a hedge")
        void precision() {
            assertThat(observe("judge_precision", "Canberra is the capital of Australia.").score()).isEqualTo(1.0);
            MetricObservation wrong = observe("judge_precision", "The capital of Australia is Sydney.");
            assertThat(wrong.score()).isEqualTo(0.0);
            assertThat(wrong.judgeText()).isEqualTo("{\"reason\":\"" + ScriptedMetricJudge.PREFIX
                    + "The answer leaves out the expected answer's word Canberra.\",\"score\":0}");
            assertThat(observe("judge_precision", "It is either Sydney or Canberra.").score()).isEqualTo(0.0);
        }

        @Test
        @DisplayName("judge_notator: 10 for the same meaning, less for added words and hedges, 1 for another city")
        void notator() {
            assertThat(observe("judge_notator", "The capital of Australia is Canberra.").score()).isEqualTo(10.0);
            MetricObservation wordy = observe("judge_notator",
                    "Canberra is the capital of Australia, although Sydney is its largest city.");
            assertThat(wordy.score()).isEqualTo(7.0);
            assertThat(wordy.judgeText()).contains("The answer has 1 of the reference answer's 1 key word (Canberra), adds 4"
                    + " words (although, Sydney, largest, city) and does not hedge: 1 + 9 x 1.00 - 3 - 0, within 1 to 10, is 7.");
            assertThat(observe("judge_notator", "It is either Sydney or Canberra.").score()).isEqualTo(5.0);
            assertThat(observe("judge_notator", "Sydney.").score()).isEqualTo(1.0);
        }

        @Test
        @DisplayName("judge_exactness: 1 for the bare expected answer, 0 when words are added")
        void exactness() {
            assertThat(observe("judge_exactness", "Canberra.").score()).isEqualTo(1.0);
            assertThat(observe("judge_exactness", "Canberra is the capital of Australia, although Sydney is its largest city.")
                    .judgeText()).contains("The answer states the expected answer Canberra but adds the words although,"
                    + " Sydney, largest, city.");
        }

        private MetricObservation observe(String metric, String answer) {
            ModelClient judge = new ModelClient() {
                @Override
                public String name() {
                    return "judge";
                }

                @Override
                public ModelReply complete(ModelRequest request) {
                    ScriptedMetricJudge.Score score = ScriptedMetricJudge.score(request.schemaName(),
                            request.messages().get(1).content());
                    return ModelReply.of(JSON.createObjectNode().put("reason", score.reason())
                            .put("score", score.score()).toString());
                }
            };
            return MetricRegistry.load().create(metric, Map.of()).observe(new MetricInput(
                    Map.of("query", QUESTION, "output_true", "Canberra"),
                    new Generation(answer, 0.1, null, null, null), judge, 0));
        }
    }

    @Nested
    @DisplayName("over HTTP")
    class OverHttp {

        private final OkHttpClient client = new OkHttpClient();
        private MockWebServer server;

        @BeforeEach
        void start() throws IOException {
            server = new MockWebServer();
            server.setDispatcher(new ChatCompletionsDispatcher());
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        }

        @AfterEach
        void stop() {
            server.close();
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }

        @Test
        @DisplayName("answers an autorater call like OpenAI, with the verdict as JSON content and word counts as tokens")
        void answersLikeOpenAi() throws IOException {
            String prompt = AutoraterPrompts.render(Task.QUESTION_ANSWERING, INPUT, Position.AB);
            Map<String, Object> body = Map.of("model", "gpt-4o", "messages", List.of(
                    Map.of("role", "system", "content", AutoraterPrompts.SYSTEM_MESSAGE),
                    Map.of("role", "user", "content", prompt)));

            JsonNode reply = post("/v1/chat/completions", JSON.writeValueAsString(body), 200);

            assertThat(reply.path("object").asText()).isEqualTo("chat.completion");
            assertThat(reply.path("model").asText()).isEqualTo("gpt-4o");
            JsonNode choice = reply.path("choices").path(0);
            assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
            JsonNode verdict = JSON.readTree(choice.path("message").path("content").asText());
            assertThat(verdict.path("choice").asText()).isEqualTo("B");
            int promptWords = ContentWords.count(AutoraterPrompts.SYSTEM_MESSAGE) + ContentWords.count(prompt);
            assertThat(reply.path("usage").path("prompt_tokens").asInt()).isEqualTo(promptWords);
            assertThat(reply.path("usage").path("total_tokens").asInt())
                    .isEqualTo(promptWords + reply.path("usage").path("completion_tokens").asInt());
        }

        @Test
        @DisplayName("answers any other path with 404 and an OpenAI-style error")
        void refusesOtherPaths() throws IOException {
            JsonNode reply = post("/v1/embeddings", "{}", 404);

            assertThat(reply.path("error").path("message").asText()).isEqualTo("The stand-in model server answers"
                    + " POST /v1/chat/completions (also under /m1, /m2 and /m3) only, not POST /v1/embeddings.");
            assertThat(post("/m4/v1/chat/completions", "{}", 404).path("error").path("message").asText())
                    .endsWith("not POST /m4/v1/chat/completions.");
        }

        @Test
        @DisplayName("plays m1 under /m1 at the request's temperature, counting repeats of the same request")
        void servesQuizModels() throws IOException {
            String prompt = "Answer in one short sentence.\n\nWhat is the capital of Australia?";
            String body = JSON.writeValueAsString(Map.of("model", "gpt-4o-mini", "temperature", 0.8,
                    "messages", List.of(Map.of("role", "user", "content", prompt))));

            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(post("/m1/v1/chat/completions", body, 200).path("choices").path(0).path("message")
                        .path("content").asText());
            }

            List<String> expected = new ArrayList<>();
            for (int occurrence = 0; occurrence < 6; occurrence++) {
                expected.add(ScriptedRecaller.answer("m1", 0.8, prompt, occurrence));
            }
            assertThat(answers).isEqualTo(expected);
            // The same question without /m1 goes to the pairwise samples' answerer, which finds no context.
            assertThat(post("/v1/chat/completions", body, 200).path("choices").path(0).path("message").path("content")
                    .asText()).isEqualTo(ScriptedAnswerer.NOT_IN_CONTEXT);
        }

        @Test
        @DisplayName("answers a metric judge call with the JSON score, and a metric without a script with 400")
        void answersMetricJudgeCalls() throws IOException {
            ModelRequest precision = judgeRequest("judge_precision");

            JsonNode reply = post("/v1/chat/completions", judgeBody(precision, "judge_precision"), 200);
            JsonNode score = JSON.readTree(reply.path("choices").path(0).path("message").path("content").asText());
            assertThat(score.path("score").asInt()).isEqualTo(1);
            assertThat(score.path("reason").asText()).startsWith(ScriptedMetricJudge.PREFIX);

            JsonNode refused = post("/v1/chat/completions", judgeBody(precision, "judge_relevant"), 400);
            assertThat(refused.path("error").path("message").asText()).isEqualTo("The stand-in scores the metrics"
                    + " [judge_exactness, judge_notator, judge_precision] only, not [judge_relevant].");
        }

        /** The request evalunit's metric sends its judge, captured. */
        private ModelRequest judgeRequest(String metric) {
            AtomicReference<ModelRequest> sent = new AtomicReference<>();
            ModelClient capturing = new ModelClient() {
                @Override
                public String name() {
                    return "judge";
                }

                @Override
                public ModelReply complete(ModelRequest request) {
                    sent.set(request);
                    return ModelReply.of("{\"reason\": \"captured\", \"score\": 1}");
                }
            };
            MetricRegistry.load().create(metric, Map.of()).observe(new MetricInput(
                    Map.of("query", "What is the capital of Canada?", "output_true", "Ottawa"),
                    new Generation("The capital of Canada is Ottawa.", 0.1, null, null, null), capturing, 0));
            return sent.get();
        }

        private String judgeBody(ModelRequest request, String schemaName) throws IOException {
            List<Map<String, String>> messages = request.messages().stream()
                    .map(m -> Map.of("role", m.role(), "content", m.content())).toList();
            return JSON.writeValueAsString(Map.of("model", "gpt-4o", "messages", messages, "response_format",
                    Map.of("type", "json_schema", "json_schema", Map.of("name", schemaName, "schema", request.responseSchema()))));
        }

        private JsonNode post(String path, String json, int expectedCode) throws IOException {
            Request request = new Request.Builder().url(server.url(path))
                    .post(RequestBody.create(json, MediaType.get("application/json"))).build();
            try (Response response = client.newCall(request).execute()) {
                assertThat(response.code()).isEqualTo(expectedCode);
                return JSON.readTree(response.body().string());
            }
        }
    }
}
