package dev.evalunit.samples.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.Task;
import dev.evalunit.api.result.Position;
import dev.evalunit.autorater.AutoraterInput;
import dev.evalunit.autorater.AutoraterPrompts;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
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

            assertThat(reply.path("error").path("message").asText())
                    .isEqualTo("The stand-in model server answers POST /v1/chat/completions only, not POST /v1/embeddings.");
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
