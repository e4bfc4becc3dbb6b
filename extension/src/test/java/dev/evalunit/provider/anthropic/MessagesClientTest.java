package dev.evalunit.provider.anthropic;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("anthropic: the Messages API on the wire")
class MessagesClientTest {

    // Built at run time so that no key-shaped literal sits in the sources.
    private static final String KEY = String.join("-", "sk", "ant", "test", "SECRET", "123");
    private static final SecretReference SECRETS = new SecretReference(Map.of("ANTHROPIC_KEY", KEY)::get, name -> null);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> VERDICT_SCHEMA = Map.of("type", "object",
            "properties", Map.of("choice", Map.of("type", "string")), "required", List.of("choice"));

    // Shaped as the Messages API reference's examples.
    private static final String TEXT_REPLY = """
            {"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant",\
            "model":"claude-sonnet-4-5","content":[{"type":"text","text":"Hi! My name is Claude."}],\
            "stop_reason":"end_turn","stop_sequence":null,\
            "usage":{"input_tokens":2095,"output_tokens":503}}""";
    private static final String TOOL_REPLY = """
            {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-5",\
            "content":[{"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"verdict",\
            "input":{"choice":"A"}}],"stop_reason":"tool_use","stop_sequence":null,\
            "usage":{"input_tokens":472,"output_tokens":54,"cache_creation_input_tokens":10,"cache_read_input_tokens":5}}""";
    private static final String OVERLOADED = """
            {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""";

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

    private ModelSettings settings(Map<String, Object> sampling, Map<String, Object> providerParams) {
        return new ModelSettings("claude", "anthropic", "claude-sonnet-4-5", server.url("/").toString(),
                "${env:ANTHROPIC_KEY}", "Be brief.", sampling, Map.of(), Duration.ofSeconds(5), 3, RateLimits.DEFAULT,
                providerParams);
    }

    private ModelClient client() {
        return clients.create(settings(Map.of(), Map.of()), SECRETS);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static String reply(String contentBlocks, String stopReason) {
        return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":"
                + contentBlocks + ",\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":10,\"output_tokens\":20}}";
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
    @DisplayName("sends")
    class Sends {

        @Test
        @DisplayName("POST /v1/messages with x-api-key, anthropic-version 2023-06-01 and a JSON body")
        void pathAndHeaders() throws Exception {
            server.enqueue(json(200, TEXT_REPLY));

            client().complete(ModelRequest.ofUser("Hello"));

            RecordedRequest request = takeRequest();
            assertThat(request.getMethod()).isEqualTo("POST");
            assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/messages");
            assertThat(request.getHeaders().get("x-api-key")).isEqualTo(KEY);
            assertThat(request.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
            assertThat(request.getHeaders().get("Authorization")).isNull();
        }

        @Test
        @DisplayName("model, max_tokens 1024 by default, the system prompt as the top-level system, the turns")
        void bodyShape() throws Exception {
            server.enqueue(json(200, TEXT_REPLY));

            client().complete(new ModelRequest(List.of(ChatMessage.user("Q1"), ChatMessage.assistant("A1"),
                    ChatMessage.user("Q2")), null, null, 0));

            assertThat(body(takeRequest())).isEqualTo(JSON.readTree("""
                    {"model": "claude-sonnet-4-5", "max_tokens": 1024, "system": "Be brief.",
                     "messages": [{"role": "user", "content": "Q1"}, {"role": "assistant", "content": "A1"},
                                  {"role": "user", "content": "Q2"}]}
                    """));
        }

        @Test
        @DisplayName("the sampling parameters under their Messages names, and the configured version")
        void sampling() throws Exception {
            server.enqueue(json(200, TEXT_REPLY));
            Map<String, Object> sampling = new LinkedHashMap<>();
            sampling.put("temperature", 0.2);
            sampling.put("top_p", 0.9);
            sampling.put("top_k", 40);
            sampling.put("max_tokens", 64);
            sampling.put("stop_sequences", List.of("\n\nHuman:"));

            clients.create(settings(sampling, Map.of("anthropic-version", "2024-01-01")), SECRETS)
                    .complete(ModelRequest.ofUser("Hi"));

            RecordedRequest request = takeRequest();
            assertThat(request.getHeaders().get("anthropic-version")).isEqualTo("2024-01-01");
            JsonNode body = body(request);
            assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
            assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
            assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
            assertThat(body.path("top_k").asInt()).isEqualTo(40);
            assertThat(body.path("stop_sequences")).isEqualTo(JSON.readTree("[\"\\n\\nHuman:\"]"));
        }

        @Test
        @DisplayName("a schema as one tool, its input_schema the schema, forced by tool_choice; system messages joined into system")
        void structured() throws Exception {
            server.enqueue(json(200, TOOL_REPLY));

            client().complete(withSchema("Which is better?"));

            JsonNode body = body(takeRequest());
            assertThat(body.path("system").asText()).isEqualTo("Be brief.\n\nYou are a judge.");
            assertThat(body.path("messages")).isEqualTo(JSON.readTree("[{\"role\":\"user\",\"content\":\"Which is better?\"}]"));
            assertThat(body.path("tools").size()).isEqualTo(1);
            assertThat(body.path("tools").path(0).path("name").asText()).isEqualTo("verdict");
            assertThat(body.path("tools").path(0).path("input_schema")).isEqualTo(JSON.valueToTree(VERDICT_SCHEMA));
            assertThat(body.path("tool_choice")).isEqualTo(JSON.readTree("{\"type\":\"tool\",\"name\":\"verdict\"}"));
        }
    }

    @Nested
    @DisplayName("reads")
    class Reads {

        @Test
        @DisplayName("the text blocks, joined, and the usage")
        void text() throws Exception {
            server.enqueue(json(200, reply("[{\"type\":\"text\",\"text\":\"Hi! \"},{\"type\":\"text\",\"text\":\"Bye.\"}]",
                    "end_turn")));

            ModelReply reply = client().complete(ModelRequest.ofUser("Hello"));

            assertThat(reply.text()).isEqualTo("Hi! Bye.");
            assertThat(reply.promptTokens()).isEqualTo(10);
            assertThat(reply.completionTokens()).isEqualTo(20);
        }

        @Test
        @DisplayName("the tool_use block's input as the answer, every input token counted")
        void toolUse() throws Exception {
            server.enqueue(json(200, TOOL_REPLY));

            ModelReply reply = client().complete(withSchema("Which is better?"));

            assertThat(JSON.readTree(reply.text())).isEqualTo(JSON.readTree("{\"choice\":\"A\"}"));
            assertThat(reply.promptTokens()).isEqualTo(472 + 10 + 5);
            assertThat(reply.completionTokens()).isEqualTo(54);
        }

        @Test
        @DisplayName("the text when a server refuses tools (400), asking without them from then on")
        void toolsRefused() throws Exception {
            server.enqueue(json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                    + "\"message\":\"tools: Extra inputs are not permitted\"}}"));
            server.enqueue(json(200, reply("[{\"type\":\"text\",\"text\":\"{\\\"choice\\\": \\\"B\\\"}\"}]", "end_turn")));
            server.enqueue(json(200, reply("[{\"type\":\"text\",\"text\":\"{\\\"choice\\\": \\\"A\\\"}\"}]", "end_turn")));
            ModelClient client = client();

            assertThat(client.complete(withSchema("1")).text()).isEqualTo("{\"choice\": \"B\"}");
            assertThat(client.complete(withSchema("2")).text()).isEqualTo("{\"choice\": \"A\"}");

            assertThat(body(takeRequest()).has("tools")).isTrue();
            assertThat(body(takeRequest()).has("tools")).isFalse();
            assertThat(body(takeRequest()).has("tool_choice")).isFalse();
        }
    }

    @Nested
    @DisplayName("fails, naming the reason")
    class NotAnswers {

        @Test
        @DisplayName("an answer cut at the token limit (stop_reason max_tokens)")
        void maxTokens() {
            server.enqueue(json(200, reply("[{\"type\":\"text\",\"text\":\"The answer is\"}]", "max_tokens")));

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hello")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [claude]: the reply is not an answer: cut at the token limit (stop_reason"
                            + " \"max_tokens\"). Raise [evalunit.models.claude.max-tokens], or ask for a shorter answer.");
        }

        @Test
        @DisplayName("a refusal (stop_reason refusal), quoting what the model said")
        void refusal() {
            server.enqueue(json(200, reply("[{\"type\":\"text\",\"text\":\"I can't help with that.\"}]", "refusal")));

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hello")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [claude]: the reply is not an answer: the model refused (stop_reason"
                            + " \"refusal\"): \"I can't help with that.\"");
        }

        @Test
        @DisplayName("an error body, quoted, the key masked")
        void errorBody() {
            server.enqueue(json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                    + "\"message\":\"max_tokens: Field required " + KEY + "\"}}"));

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hello")))
                    .isInstanceOf(ModelCallException.class)
                    // The provider's own message, quoted whole (not its JSON), with the key masked.
                    .hasMessage("model [claude]: HTTP 400 after 1 attempt: max_tokens: Field required ***");
        }

        @Test
        @DisplayName("a reply with neither text nor tool_use, retried as transient, then as an unreadable reply")
        void empty() {
            for (int i = 0; i < 4; i++) {
                server.enqueue(json(200, "{\"content\":[],\"stop_reason\":\"end_turn\"}"));
            }

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hello")))
                    .hasMessage("model [claude]: unreadable reply after 4 attempts: HTTP 200, no text or tool_use block"
                            + " in its content: {\"content\":[],\"stop_reason\":\"end_turn\"}");
            assertThat(server.getRequestCount()).isEqualTo(4);
        }
    }

    @Nested
    @DisplayName("retries")
    class Retries {

        @Test
        @DisplayName("529 overloaded_error, waiting as retry-after says")
        void overloaded() throws Exception {
            server.enqueue(new MockResponse.Builder().code(529).addHeader("retry-after", "3").body(OVERLOADED).build());
            server.enqueue(json(200, TEXT_REPLY));

            ModelReply reply = client().complete(ModelRequest.ofUser("Hello"));

            assertThat(reply.text()).isEqualTo("Hi! My name is Claude.");
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
        }

        @Test
        @DisplayName("429 rate_limit_error, waiting until the anthropic-ratelimit reset without retry-after")
        void rateLimited() throws Exception {
            server.enqueue(new MockResponse.Builder().code(429)
                    .addHeader("anthropic-ratelimit-requests-remaining", "0")
                    .addHeader("anthropic-ratelimit-requests-reset", "2025-01-01T00:00:02Z")
                    .body("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limited\"}}")
                    .build());
            server.enqueue(json(200, TEXT_REPLY));

            client().complete(ModelRequest.ofUser("Hello"));

            assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        }

        @Test
        @DisplayName("529 until the retries run out, then fails quoting the error")
        void overloadedForGood() {
            for (int i = 0; i < 4; i++) {
                server.enqueue(json(529, OVERLOADED));
            }

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hello")))
                    .hasMessage("model [claude]: HTTP 529 after 4 attempts: Overloaded");
        }
    }
}
