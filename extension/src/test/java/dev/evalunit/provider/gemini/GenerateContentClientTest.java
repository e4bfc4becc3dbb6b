package dev.evalunit.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.config.SecretReference;
import dev.evalunit.http.Backoff;
import dev.evalunit.http.RateLimits;
import dev.evalunit.model.ClientDecorator;
import dev.evalunit.model.ModelClients;
import dev.evalunit.model.ModelSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("gemini and vertex: generateContent on the wire")
class GenerateContentClientTest {

    // Built at run time so that no key-shaped literal sits in the sources.
    private static final String KEY = String.join("", "AIza", "Sy", "test", "SECRET", "123");
    private static final String TOKEN = String.join(".", "ya29", "test", "SECRET", "token");
    private static final SecretReference SECRETS = new SecretReference(
            Map.of("GEMINI_KEY", KEY, "VERTEX_TOKEN", TOKEN)::get, name -> null);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> VERDICT_SCHEMA = Map.of("type", "object",
            "properties", Map.of("choice", Map.of("type", "string")), "required", List.of("choice"));

    // Shaped as the generateContent reference's examples.
    private static final String TEXT_REPLY = """
            {"candidates":[{"content":{"parts":[{"text":"AI learns patterns "},{"text":"from data."}],"role":"model"},\
            "finishReason":"STOP","index":0,"safetyRatings":[\
            {"category":"HARM_CATEGORY_SEXUALLY_EXPLICIT","probability":"NEGLIGIBLE"},\
            {"category":"HARM_CATEGORY_HATE_SPEECH","probability":"NEGLIGIBLE"},\
            {"category":"HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE"},\
            {"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"NEGLIGIBLE"}]}],\
            "usageMetadata":{"promptTokenCount":8,"candidatesTokenCount":14,"totalTokenCount":22,\
            "promptTokensDetails":[{"modality":"TEXT","tokenCount":8}]},\
            "modelVersion":"gemini-2.0-flash","responseId":"mcdmaO6hNdbnnsEP2JWwqAk"}""";
    private static final String JSON_REPLY = """
            {"candidates":[{"content":{"parts":[{"text":"Comparing the two answers.","thought":true},\
            {"text":"{\\"choice\\": \\"A\\"}"}],"role":"model"},"finishReason":"STOP","index":0}],\
            "usageMetadata":{"promptTokenCount":120,"candidatesTokenCount":9,"totalTokenCount":180,"thoughtsTokenCount":51},\
            "modelVersion":"gemini-2.5-flash"}""";
    private static final String BLOCKED_PROMPT = """
            {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[\
            {"category":"HARM_CATEGORY_SEXUALLY_EXPLICIT","probability":"NEGLIGIBLE"},\
            {"category":"HARM_CATEGORY_HATE_SPEECH","probability":"NEGLIGIBLE"},\
            {"category":"HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE"},\
            {"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH","blocked":true}]},\
            "usageMetadata":{"promptTokenCount":12,"totalTokenCount":12},"modelVersion":"gemini-2.0-flash"}""";
    private static final String SAFETY_FINISH = """
            {"candidates":[{"finishReason":"SAFETY","index":0,"safetyRatings":[\
            {"category":"HARM_CATEGORY_SEXUALLY_EXPLICIT","probability":"NEGLIGIBLE"},\
            {"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"MEDIUM","blocked":true}]}],\
            "usageMetadata":{"promptTokenCount":12,"totalTokenCount":12},"modelVersion":"gemini-2.0-flash"}""";
    private static final String MAX_TOKENS_FINISH = """
            {"candidates":[{"content":{"parts":[{"text":"{\\"explanation\\": \\"Response A is"}],"role":"model"},\
            "finishReason":"MAX_TOKENS","index":0}],\
            "usageMetadata":{"promptTokenCount":120,"candidatesTokenCount":8,"totalTokenCount":128},\
            "modelVersion":"gemini-2.0-flash"}""";
    private static final String BAD_REQUEST = """
            {"error":{"code":400,"message":"* GenerationConfig.temperature: must be between 0 and 2",\
            "status":"INVALID_ARGUMENT"}}""";
    private static final String EXHAUSTED = """
            {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}""";
    private static final String OVERLOADED = """
            {"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}""";

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private MockWebServer server;
    private ModelClients clients;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        clients = new ModelClients(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), () -> 0.5, sleeps::add, CLOCK),
                ClientDecorator.NONE, line -> { });
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private ModelSettings gemini(Map<String, Object> sampling, Map<String, Object> extra) {
        return new ModelSettings("gem", "gemini", "gemini-2.0-flash", server.url("/").toString(),
                "${env:GEMINI_KEY}", "Be brief.", sampling, extra, Duration.ofSeconds(5), 3, RateLimits.DEFAULT, Map.of());
    }

    private ModelClient client() {
        return clients.create(gemini(Map.of(), Map.of()), SECRETS);
    }

    private ModelClient vertex(String model) {
        return clients.create(new ModelSettings("vtx", "vertex", model, server.url("/").toString(),
                "${env:VERTEX_TOKEN}", null, Map.of(), Map.of(), Duration.ofSeconds(5), 3, RateLimits.DEFAULT,
                Map.of("project", "my-project", "location", "europe-west4")), SECRETS);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=UTF-8")
                .body(body).build();
    }

    private RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    private static JsonNode body(RecordedRequest request) throws IOException {
        return JSON.readTree(request.getBody().utf8());
    }

    private static ModelRequest withSchema(String prompt) {
        return new ModelRequest(List.of(ChatMessage.system("You are a judge."), ChatMessage.user(prompt)),
                VERDICT_SCHEMA, "verdict", 0);
    }

    @Nested
    @DisplayName("sends, on Google AI")
    class SendsGemini {

        @Test
        @DisplayName("POST /v1beta/models/{model}:generateContent with the key in x-goog-api-key only")
        void pathAndHeaders() throws Exception {
            server.enqueue(json(200, TEXT_REPLY));

            client().complete(ModelRequest.ofUser("Hello"));

            RecordedRequest request = takeRequest();
            assertThat(request.getMethod()).isEqualTo("POST");
            assertThat(request.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-2.0-flash:generateContent");
            assertThat(request.getUrl().query()).isNull();
            assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
            assertThat(request.getHeaders().get("Authorization")).isNull();
            assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        }

        @Test
        @DisplayName("contents with user turns and assistant turns as role model, the system prompt as systemInstruction")
        void bodyShape() throws Exception {
            server.enqueue(json(200, TEXT_REPLY));

            client().complete(new ModelRequest(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello!"),
                    ChatMessage.user("And now?")), null, null, 0));

            JsonNode body = body(takeRequest());
            assertThat(body.toString()).isEqualTo("{\"contents\":["
                    + "{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]},"
                    + "{\"role\":\"model\",\"parts\":[{\"text\":\"Hello!\"}]},"
                    + "{\"role\":\"user\",\"parts\":[{\"text\":\"And now?\"}]}],"
                    + "\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]}}");
        }

        @Test
        @DisplayName("the sampling parameters in generationConfig under their camelCase names, extra params last")
        void sampling() throws Exception {
            server.enqueue(json(200, TEXT_REPLY));
            Map<String, Object> sampling = new LinkedHashMap<>();
            sampling.put("temperature", 0.2);
            sampling.put("top_p", 0.9);
            sampling.put("top_k", 40);
            sampling.put("max_tokens", 256);
            sampling.put("stop_sequences", "END");

            clients.create(gemini(sampling, Map.of("safetySettings", List.of(Map.of(
                    "category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_ONLY_HIGH")))), SECRETS)
                    .complete(ModelRequest.ofUser("Hello"));

            JsonNode body = body(takeRequest());
            assertThat(body.path("generationConfig").toString()).isEqualTo(
                    "{\"temperature\":0.2,\"topP\":0.9,\"topK\":40,\"maxOutputTokens\":256,\"stopSequences\":[\"END\"]}");
            assertThat(body.path("safetySettings").path(0).path("threshold").asText()).isEqualTo("BLOCK_ONLY_HIGH");
        }

        @Test
        @DisplayName("a schema as responseMimeType application/json and responseJsonSchema; system messages joined")
        void structured() throws Exception {
            server.enqueue(json(200, JSON_REPLY));

            client().complete(withSchema("Which is better?"));

            JsonNode body = body(takeRequest());
            assertThat(body.path("generationConfig").path("responseMimeType").asText()).isEqualTo("application/json");
            assertThat(body.path("generationConfig").path("responseJsonSchema"))
                    .isEqualTo(JSON.valueToTree(VERDICT_SCHEMA));
            assertThat(body.path("generationConfig").has("responseSchema")).isFalse();
            assertThat(body.path("systemInstruction").path("parts").path(0).path("text").asText())
                    .isEqualTo("Be brief.\n\nYou are a judge.");
            assertThat(body.path("contents")).hasSize(1);
        }
    }

    @Nested
    @DisplayName("sends, on Vertex AI")
    class SendsVertex {

        @Test
        @DisplayName("POST /v1/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent,"
                + " the token as a bearer")
        void pathAndHeaders() throws Exception {
            server.enqueue(json(200, TEXT_REPLY));

            vertex("gemini-2.0-flash").complete(ModelRequest.ofUser("Hello"));

            RecordedRequest request = takeRequest();
            assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/projects/my-project/locations/europe-west4"
                    + "/publishers/google/models/gemini-2.0-flash:generateContent");
            assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.getHeaders().get("x-goog-api-key")).isNull();
            assertThat(body(request).path("contents").path(0).path("parts").path(0).path("text").asText()).isEqualTo("Hello");
        }

        @Test
        @DisplayName("a model given as a publishers/google/models/... resource name")
        void resourceName() throws Exception {
            server.enqueue(json(200, TEXT_REPLY));

            vertex("publishers/google/models/gemini-2.5-pro").complete(ModelRequest.ofUser("Hello"));

            assertThat(takeRequest().getUrl().encodedPath()).endsWith("/publishers/google/models/gemini-2.5-pro:generateContent");
        }

        @Test
        @DisplayName("without a base URL, the location's regional endpoint, or the global one for location global")
        void defaultHosts() {
            HttpUrl global = HttpUrl.get(VertexProvider.DEFAULT_BASE_URL);
            ModelSettings regional = new ModelSettings("vtx", "vertex", "gemini-2.5-flash", VertexProvider.DEFAULT_BASE_URL,
                    null, null, Map.of(), Map.of(), Duration.ofSeconds(5), 3, RateLimits.DEFAULT, Map.of("project", "p-1"));
            ModelSettings everywhere = new ModelSettings("vtx", "vertex", "gemini-2.5-flash", VertexProvider.DEFAULT_BASE_URL,
                    null, null, Map.of(), Map.of(), Duration.ofSeconds(5), 3, RateLimits.DEFAULT,
                    Map.of("project", "p-1", "location", "global"));

            assertThat(VertexProvider.endpoint(global, regional).toString()).isEqualTo("https://us-central1-aiplatform"
                    + ".googleapis.com/v1/projects/p-1/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent");
            assertThat(VertexProvider.endpoint(global, everywhere).toString()).isEqualTo("https://aiplatform.googleapis.com"
                    + "/v1/projects/p-1/locations/global/publishers/google/models/gemini-2.5-flash:generateContent");
            assertThat(GeminiProvider.endpoint(HttpUrl.get(GeminiProvider.DEFAULT_BASE_URL), "models/gemini-2.5-flash")
                    .toString()).isEqualTo("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
        }
    }

    @Nested
    @DisplayName("reads")
    class Reads {

        @Test
        @DisplayName("the first candidate's parts, joined, and the usage")
        void text() throws Exception {
            server.enqueue(json(200, TEXT_REPLY));

            ModelReply reply = client().complete(ModelRequest.ofUser("Explain how AI works"));

            assertThat(reply.text()).isEqualTo("AI learns patterns from data.");
            assertThat(reply.promptTokens()).isEqualTo(8);
            assertThat(reply.completionTokens()).isEqualTo(14);
        }

        @Test
        @DisplayName("a JSON verdict, thought summaries left out, thinking tokens counted as output")
        void jsonVerdict() throws Exception {
            server.enqueue(json(200, JSON_REPLY));

            ModelReply reply = client().complete(withSchema("Which is better?"));

            assertThat(reply.text()).isEqualTo("{\"choice\": \"A\"}");
            assertThat(reply.promptTokens()).isEqualTo(120);
            assertThat(reply.completionTokens()).isEqualTo(60);
        }

        @Test
        @DisplayName("the text when a server refuses responseJsonSchema (400), asking without it from then on")
        void schemaRefused() throws Exception {
            server.enqueue(json(400, "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload received. Unknown name"
                    + " \\\"responseJsonSchema\\\" at 'generation_config': Cannot find field.\",\"status\":\"INVALID_ARGUMENT\"}}"));
            server.enqueue(json(200, TEXT_REPLY));
            server.enqueue(json(200, TEXT_REPLY));
            ModelClient client = client();

            assertThat(client.complete(withSchema("Which is better?")).text()).isEqualTo("AI learns patterns from data.");
            client.complete(withSchema("And this one?"));

            assertThat(body(takeRequest()).path("generationConfig").has("responseJsonSchema")).isTrue();
            assertThat(body(takeRequest()).has("generationConfig")).isFalse();
            assertThat(body(takeRequest()).has("generationConfig")).isFalse();
        }
    }

    @Nested
    @DisplayName("fails, naming the reason")
    class Fails {

        private void assertFails(String reply, String message) {
            server.enqueue(json(200, reply));
            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hello")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage(message);
        }

        @Test
        @DisplayName("a prompt blocked (promptFeedback.blockReason)")
        void blockedPrompt() {
            assertFails(BLOCKED_PROMPT, "model [gem]: the reply is not an answer: the prompt was blocked by the provider"
                    + " (promptFeedback.blockReason \"SAFETY\").");
        }

        @Test
        @DisplayName("a candidate withheld (finishReason SAFETY), without content")
        void safety() {
            assertFails(SAFETY_FINISH, "model [gem]: the reply is not an answer: withheld by the provider's content filter"
                    + " (finishReason \"SAFETY\").");
        }

        @Test
        @DisplayName("each other reason a candidate is withheld: RECITATION, PROHIBITED_CONTENT, BLOCKLIST, SPII")
        void otherFilters() {
            for (String reason : List.of("RECITATION", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII")) {
                assertFails(SAFETY_FINISH.replace("\"SAFETY\"", "\"" + reason + "\""), "model [gem]: the reply is not an"
                        + " answer: withheld by the provider's content filter (finishReason \"" + reason + "\").");
            }
        }

        @Test
        @DisplayName("an answer cut at the token limit (finishReason MAX_TOKENS)")
        void maxTokens() {
            assertFails(MAX_TOKENS_FINISH, "model [gem]: the reply is not an answer: cut at the token limit (finishReason"
                    + " \"MAX_TOKENS\"). Raise [evalunit.models.gem.max-tokens], or ask for a shorter answer.");
        }

        @Test
        @DisplayName("no candidates: retried as transient, then an unreadable reply")
        void noCandidates() {
            String noCandidates = "{\"usageMetadata\":{\"promptTokenCount\":3,\"totalTokenCount\":3}}";
            for (int i = 0; i < 3; i++) {
                server.enqueue(json(200, noCandidates));
            }
            assertFails(noCandidates, "model [gem]: unreadable reply after 4 attempts: HTTP 200, no candidates: "
                    + noCandidates);
            assertThat(server.getRequestCount()).isEqualTo(4);
        }

        @Test
        @DisplayName("a candidate without parts that says why it stopped")
        void empty() {
            assertFails("{\"candidates\":[{\"content\":{\"parts\":[],\"role\":\"model\"},\"finishReason\":\"OTHER\",\"index\":0}]}",
                    "model [gem]: the reply is not an answer: it holds no text (no text in candidates[0].content.parts,"
                            + " finishReason \"OTHER\").");
        }

        @Test
        @DisplayName("an error body, quoting its message")
        void errorBody() {
            server.enqueue(json(400, BAD_REQUEST));

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hello")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessageStartingWith("model [gem]: HTTP 400 after 1 attempt: ")
                    .hasMessageContaining("GenerationConfig.temperature: must be between 0 and 2")
                    .hasMessageNotContaining(KEY);
        }
    }

    @Nested
    @DisplayName("retries")
    class Retries {

        @Test
        @DisplayName("429 RESOURCE_EXHAUSTED and 503 UNAVAILABLE, then reads the answer")
        void retried() throws Exception {
            server.enqueue(json(429, EXHAUSTED));
            server.enqueue(json(503, OVERLOADED));
            server.enqueue(json(200, TEXT_REPLY));

            ModelReply reply = client().complete(ModelRequest.ofUser("Hello"));

            assertThat(reply.text()).isEqualTo("AI learns patterns from data.");
            assertThat(server.getRequestCount()).isEqualTo(3);
            assertThat(sleeps).hasSize(2);
        }

        @Test
        @DisplayName("503 until the retries run out, then fails quoting the error")
        void overloadedForGood() {
            for (int i = 0; i < 4; i++) {
                server.enqueue(json(503, OVERLOADED));
            }

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hello")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessageStartingWith("model [gem]: HTTP 503 after 4 attempts: ")
                    .hasMessageContaining("The model is overloaded. Please try again later.");
        }
    }
}
