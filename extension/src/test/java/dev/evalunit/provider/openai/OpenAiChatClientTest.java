package dev.evalunit.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelUnusableException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.cache.CacheMode;
import dev.evalunit.cache.ModelCache;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.SecretReference;
import dev.evalunit.http.Backoff;
import dev.evalunit.model.ClientDecorator;
import dev.evalunit.model.ModelClients;
import dev.evalunit.model.ModelSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("OpenAiChatClient")
class OpenAiChatClientTest {

    // Built at run time so that no key-shaped literal sits in the sources.
    private static final String KEY = String.join("-", "sk", "test", "SECRET", "123");
    private static final SecretReference SECRETS = new SecretReference(Map.of("EVAL_KEY", KEY)::get, name -> null);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> VERDICT_SCHEMA = Map.of("type", "object",
            "properties", Map.of("choice", Map.of("type", "string")), "required", List.of("choice"));

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private MockWebServer server;
    private ModelClients clients;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        clients = new ModelClients(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), () -> 0.5, sleeps::add, CLOCK),
                ClientDecorator.NONE, log::add);
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private ModelSettings settings(int maxRetries) {
        return new ModelSettings("judge", "openai", "gpt-test", server.url("/v1").toString(), "${env:EVAL_KEY}", null,
                Map.of(), Map.of(), Duration.ofSeconds(5), maxRetries);
    }

    private ModelClient client() {
        return clients.create(settings(3), SECRETS);
    }

    private ModelClient client(ModelSettings settings) {
        return clients.create(settings, SECRETS);
    }

    private static MockResponse reply(String content) {
        return json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + quoted(content) + "}}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3}}");
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    private static MockResponse disconnect() {
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the server").isNotNull();
        return request;
    }

    private JsonNode takeBody() throws Exception {
        return JSON.readTree(takeRequest().getBody().utf8());
    }

    private static ModelRequest withSchema(String prompt) {
        return new ModelRequest(List.of(ChatMessage.user(prompt)), VERDICT_SCHEMA, "verdict", 0);
    }

    @Nested
    @DisplayName("sends")
    class Sends {

        @Test
        @DisplayName("the model, the system prompt before the request's messages in order, and the sampling params")
        void bodyShape() throws Exception {
            server.enqueue(reply("fine"));
            Map<String, Object> sampling = new LinkedHashMap<>();
            sampling.put("temperature", 0.2);
            sampling.put("max_tokens", 64);
            ModelSettings settings = new ModelSettings("judge", "openai", "gpt-test", server.url("/v1").toString(), null,
                    "Be brief.", sampling, Map.of(), Duration.ofSeconds(5), 0);
            List<ChatMessage> conversation = List.of(ChatMessage.user("Q1"), ChatMessage.assistant("A1"),
                    ChatMessage.user("Q2"));

            client(settings).complete(new ModelRequest(conversation, null, null, 0));

            RecordedRequest request = takeRequest();
            assertThat(request.getMethod()).isEqualTo("POST");
            assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
            assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
            assertThat(JSON.readTree(request.getBody().utf8())).isEqualTo(JSON.readTree("""
                    {"model": "gpt-test",
                     "messages": [{"role": "system", "content": "Be brief."},
                                  {"role": "user", "content": "Q1"},
                                  {"role": "assistant", "content": "A1"},
                                  {"role": "user", "content": "Q2"}],
                     "temperature": 0.2, "max_completion_tokens": 64}
                    """));
        }

        @Test
        @DisplayName("extra params last, overriding a sampling param")
        void extraParamsOverride() throws Exception {
            server.enqueue(reply("fine"));
            ModelSettings settings = new ModelSettings("judge", "openai", "gpt-test", server.url("/v1").toString(), null,
                    null, Map.of("temperature", 0.2), Map.of("temperature", 0.9, "seed", 7), Duration.ofSeconds(5), 0);

            client(settings).complete(ModelRequest.ofUser("Hi"));

            JsonNode body = takeBody();
            assertThat(body.get("temperature").doubleValue()).isEqualTo(0.9);
            assertThat(body.get("seed").intValue()).isEqualTo(7);
            assertThat(body.get("messages")).hasSize(1);
        }

        @Test
        @DisplayName("response_format with the request's JSON schema, strict")
        void responseFormat() throws Exception {
            server.enqueue(reply("{\"choice\":\"A\"}"));

            client().complete(withSchema("Which is better?"));

            JsonNode format = takeBody().get("response_format");
            assertThat(format).isEqualTo(JSON.readTree("""
                    {"type": "json_schema",
                     "json_schema": {"name": "verdict",
                                     "schema": {"type": "object",
                                                "properties": {"choice": {"type": "string"}},
                                                "required": ["choice"]},
                                     "strict": true}}
                    """));
        }

        @Test
        @DisplayName("no response_format and no system message when neither is asked for")
        void plainRequest() throws Exception {
            server.enqueue(reply("fine"));

            client().complete(ModelRequest.ofUser("Hi"));

            JsonNode body = takeBody();
            assertThat(body.has("response_format")).isFalse();
            assertThat(body.get("messages")).hasSize(1);
            assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("user");
        }

        @Test
        @DisplayName("to {baseUrl}/chat/completions also when the base URL ends with a slash")
        void trailingSlash() throws Exception {
            server.enqueue(reply("fine"));
            ModelSettings settings = new ModelSettings("judge", "openai", "gpt-test", server.url("/v1/").toString(), null,
                    null, Map.of(), Map.of(), Duration.ofSeconds(5), 0);

            client(settings).complete(ModelRequest.ofUser("Hi"));

            assertThat(takeRequest().getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        }

        @Test
        @DisplayName("the resolved key as a bearer token")
        void authorization() throws Exception {
            server.enqueue(reply("fine"));

            client().complete(ModelRequest.ofUser("Hi"));

            assertThat(takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        }

        @Test
        @DisplayName("no key given as itself: it is refused before any request, without being echoed")
        void literalKey() {
            ModelSettings settings = new ModelSettings("judge", "openai", "gpt-test", server.url("/v1").toString(),
                    "sk-configured", null, Map.of(), Map.of(), Duration.ofSeconds(5), 0);

            assertThatThrownBy(() -> client(settings))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: the API key of model [judge] is not a reference. Write ${env:NAME}"
                            + " or ${file:PATH} instead of the key itself.");
            assertThat(server.getRequestCount()).isZero();
        }

        @Test
        @DisplayName("no Authorization header without a key")
        void noKey() throws Exception {
            server.enqueue(reply("fine"));

            client(ModelSettings.openAi("judge", server.url("/v1").toString())).complete(ModelRequest.ofUser("Hi"));

            assertThat(takeRequest().getHeaders().get("Authorization")).isNull();
        }
    }

    @Nested
    @DisplayName("reads")
    class Reads {

        @Test
        @DisplayName("the answer, the token usage and the latency")
        void reply() throws Exception {
            server.enqueue(OpenAiChatClientTest.reply("Paris."));

            ModelReply reply = client().complete(ModelRequest.ofUser("Capital of France?"));

            assertThat(reply.text()).isEqualTo("Paris.");
            assertThat(reply.promptTokens()).isEqualTo(12);
            assertThat(reply.completionTokens()).isEqualTo(3);
            assertThat(reply.latency()).isPositive();
        }

        @Test
        @DisplayName("no token counts when the server reports no usage")
        void noUsage() throws Exception {
            server.enqueue(json(200, "{\"choices\":[{\"message\":{\"content\":\"Paris.\"}}]}"));

            ModelReply reply = client().complete(ModelRequest.ofUser("Capital of France?"));

            assertThat(reply.text()).isEqualTo("Paris.");
            assertThat(reply.promptTokens()).isNull();
            assertThat(reply.completionTokens()).isNull();
        }

        @Test
        @DisplayName("a reply without content, retried as transient, then as an unreadable reply saying so")
        void noContent() {
            String body = "{\"choices\":[{\"message\":{\"content\":null,\"tool_calls\":[]}}]}";
            for (int i = 0; i < 4; i++) {
                server.enqueue(json(200, body));
            }

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hi")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [judge]: unreadable reply after 4 attempts: HTTP 200, no choices[0].message.content: "
                            + body);
            assertThat(server.getRequestCount()).isEqualTo(4);
        }

        @Test
        @DisplayName("a reply that is not JSON as a failure quoting it")
        void notJson() {
            server.enqueue(status(200, "<html><head><title>Gateway\n page</title></head></html>"));

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hi")))
                    .isInstanceOf(ModelUnusableException.class)
                    .hasMessage("model [judge] cannot be used: HTTP 200 from [" + server.url("/v1/chat/completions")
                            + "] is not JSON: an HTML page titled \"Gateway page\". Check its base URL ["
                            + server.url("/v1") + "]: it must be the API's root (does it end in /v1?). No further"
                            + " request is sent to model [judge].");
        }
    }

    @Nested
    @DisplayName("retries")
    class Retries {

        @Test
        @DisplayName("after a 429, waiting exactly as long as Retry-After asks")
        void retryAfterSeconds() throws Exception {
            server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
            server.enqueue(reply("fine"));

            ModelReply reply = client().complete(ModelRequest.ofUser("Hi"));

            assertThat(reply.text()).isEqualTo("fine");
            assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
            assertThat(server.getRequestCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("after a 503, until the HTTP date of Retry-After")
        void retryAfterDate() throws Exception {
            server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "Wed, 01 Jan 2025 00:00:12 GMT")
                    .build());
            server.enqueue(reply("fine"));

            client().complete(ModelRequest.ofUser("Hi"));

            assertThat(sleeps).containsExactly(Duration.ofSeconds(12));
        }

        @Test
        @DisplayName("each server error with growing backoff, then fails naming the status, attempts and body")
        void serverErrors() {
            for (int i = 0; i < 4; i++) {
                server.enqueue(status(500, "overloaded"));
            }

            assertThatThrownBy(() -> client(settings(3)).complete(ModelRequest.ofUser("Hi")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [judge]: HTTP 500 after 4 attempts: overloaded");
            assertThat(server.getRequestCount()).isEqualTo(4);
            assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        }

        @Test
        @DisplayName("502 and 504 too, until one succeeds")
        void gatewayErrors() throws Exception {
            server.enqueue(status(502, "bad gateway"));
            server.enqueue(status(504, "gateway timeout"));
            server.enqueue(reply("fine"));

            assertThat(client().complete(ModelRequest.ofUser("Hi")).text()).isEqualTo("fine");
            assertThat(server.getRequestCount()).isEqualTo(3);
        }

        @Test
        @DisplayName("not a client error such as 400, which fails at once")
        void clientError() {
            server.enqueue(status(400, "{\"error\":\"bad request\"}"));

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hi")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [judge]: HTTP 400 after 1 attempt: bad request");
            assertThat(server.getRequestCount()).isEqualTo(1);
            assertThat(sleeps).isEmpty();
        }

        @Test
        @DisplayName("quotes a long error body cut at a word boundary, with an ellipsis and its length")
        void longBody() {
            server.enqueue(status(400, "word ".repeat(100)));

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hi")))
                    .hasMessage("model [judge]: HTTP 400 after 1 attempt: " + "word ".repeat(40).strip()
                            + "… (499 characters)");
        }

        @Test
        @DisplayName("cuts a long error body without spaces at 200 characters")
        void longWord() {
            server.enqueue(status(400, "x".repeat(500)));

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hi")))
                    .hasMessage("model [judge]: HTTP 400 after 1 attempt: " + "x".repeat(200) + "… (500 characters)");
        }

        @Test
        @DisplayName("after a dropped connection")
        void droppedConnection() throws Exception {
            server.enqueue(disconnect());
            server.enqueue(reply("fine"));

            assertThat(client().complete(ModelRequest.ofUser("Hi")).text()).isEqualTo("fine");
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(sleeps).containsExactly(Duration.ofMillis(100));
        }

        @Test
        @DisplayName("dropped connections until the retries run out, then fails saying so")
        void droppedConnections() {
            for (int i = 0; i < 3; i++) {
                server.enqueue(disconnect());
            }

            assertThatThrownBy(() -> client(settings(2)).complete(ModelRequest.ofUser("Hi")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessageStartingWith("model [judge]: connection failed after 3 attempts: ");
            assertThat(server.getRequestCount()).isEqualTo(3);
            assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        }

        @Test
        @DisplayName("a request that times out, and fails naming the timeout")
        void timeout() {
            server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
            ModelSettings settings = new ModelSettings("judge", "openai", "gpt-test", server.url("/v1").toString(), null,
                    null, Map.of(), Map.of(), Duration.ofMillis(100), 0);

            assertThatThrownBy(() -> client(settings).complete(ModelRequest.ofUser("Hi")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [judge]: timed out after 33 ms waiting for the first byte (1 attempt)");
        }
    }

    @Nested
    @DisplayName("falls back from structured output")
    class StructuredOutputFallback {

        @Test
        @DisplayName("after a 400 about response_format: sends again without it, and stops asking for it")
        void fallback() throws Exception {
            server.enqueue(status(400, "{\"error\":{\"message\":\"Unrecognized request argument: response_format\"}}"));
            server.enqueue(reply("{\"choice\":\"A\"}"));
            server.enqueue(reply("{\"choice\":\"B\"}"));
            ModelClient client = client();

            ModelReply first = client.complete(withSchema("Which is better?"));
            ModelReply second = client.complete(withSchema("And now?"));

            assertThat(first.text()).isEqualTo("{\"choice\":\"A\"}");
            assertThat(second.text()).isEqualTo("{\"choice\":\"B\"}");
            List<Boolean> askedForFormat = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                askedForFormat.add(takeBody().has("response_format"));
            }
            assertThat(askedForFormat).containsExactly(true, false, false);
        }

        @Test
        @DisplayName("after a 422 about json_schema")
        void unprocessable() throws Exception {
            server.enqueue(status(422, "json_schema is not supported by this server"));
            server.enqueue(reply("A"));

            assertThat(client().complete(withSchema("Which is better?")).text()).isEqualTo("A");
            assertThat(takeBody().has("response_format")).isTrue();
            assertThat(takeBody().has("response_format")).isFalse();
        }

        @Test
        @DisplayName("not after a 400 about something else")
        void otherBadRequest() {
            server.enqueue(status(400, "messages must not be empty"));

            assertThatThrownBy(() -> client().complete(withSchema("Which is better?")))
                    .hasMessage("model [judge]: HTTP 400 after 1 attempt: messages must not be empty");
            assertThat(server.getRequestCount()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("keeps the key secret")
    class Secrets {

        @Test
        @DisplayName("when the server echoes it in an error body")
        void echoedKey() {
            server.enqueue(status(401, "invalid key in header Authorization: Bearer " + KEY));

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hi")))
                    .isInstanceOf(ModelUnusableException.class)
                    .hasMessage("model [judge] cannot be used: HTTP 401 from [" + server.url("/v1/chat/completions")
                            + "]: invalid key in header Authorization: Bearer ***. Check its API key [${env:EVAL_KEY}]:"
                            + " the server refused it. No further request is sent to model [judge].")
                    .message().doesNotContain(KEY);
        }

        @Test
        @DisplayName("when the server echoes it in a reply that is not JSON")
        void echoedKeyInReply() {
            server.enqueue(status(200, "echo: Bearer " + KEY));

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hi")))
                    .hasMessageContaining(": echo: Bearer ***. Check its base URL")
                    .message().doesNotContain(KEY);
        }

        @Test
        @DisplayName("and fails before any call when its reference names nothing set")
        void unsetReference() {
            ModelSettings settings = new ModelSettings("judge", "openai", "gpt-test", server.url("/v1").toString(),
                    "${env:MISSING_KEY}", null, Map.of(), Map.of(), Duration.ofSeconds(5), 0);

            assertThatThrownBy(() -> client(settings))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: the API key of model [judge] refers to [${env:MISSING_KEY}], which "
                            + "is not set. Set the environment variable MISSING_KEY.");
            assertThat(server.getRequestCount()).isZero();
        }
    }

    @Test
    @DisplayName("is named after its declaration")
    void name() {
        assertThat(client().name()).isEqualTo("judge");
    }

    @Nested
    @DisplayName("fails on a reply that is not an answer, naming the reason")
    class NotAnswers {

        private static final String REFUSAL = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{"
                + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"refusal\":"
                + "\"I'm sorry, I cannot assist with that request.\"},\"finish_reason\":\"stop\"}]}";

        private MockResponse finished(String content, String finishReason) {
            return json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                    + content + "},\"finish_reason\":\"" + finishReason + "\"}]}");
        }

        @Test
        @DisplayName("finish_reason length: cut at the token limit")
        void length() {
            server.enqueue(finished("\"The answer is\"", "length"));

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hi")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [judge]: the reply is not an answer: cut at the token limit (finish_reason"
                            + " \"length\"). Raise [evalunit.models.judge.max-tokens], or ask for a shorter answer.");
        }

        @Test
        @DisplayName("finish_reason content_filter: withheld")
        void contentFilter() {
            server.enqueue(finished("null", "content_filter"));

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hi")))
                    .hasMessage("model [judge]: the reply is not an answer: withheld by the provider's content filter"
                            + " (finish_reason \"content_filter\").");
        }

        @Test
        @DisplayName("message.refusal: refused, quoting the refusal")
        void refusal() {
            server.enqueue(json(200, REFUSAL));

            assertThatThrownBy(() -> client().complete(withSchema("Hi")))
                    .hasMessage("model [judge]: the reply is not an answer: the model refused (message.refusal):"
                            + " \"I'm sorry, I cannot assist with that request.\"");
        }

        @Test
        @DisplayName("finish_reason stop with content: an answer")
        void stop() throws Exception {
            server.enqueue(finished("\"fine\"", "stop"));

            assertThat(client().complete(ModelRequest.ofUser("Hi")).text()).isEqualTo("fine");
        }
    }

    @Nested
    @DisplayName("retries a 2xx reply that is not a complete completion, as it retries a 5xx")
    class TransientReplies {

        private static final String TRUNCATED = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assist";

        @TempDir
        Path cacheDir;

        @Test
        @DisplayName("a truncated 200 then a good reply: one answer, two requests, backed off like a 5xx")
        void truncatedThenGood() throws Exception {
            server.enqueue(json(200, TRUNCATED));
            server.enqueue(reply("Paris."));

            assertThat(client().complete(ModelRequest.ofUser("Capital of France?")).text()).isEqualTo("Paris.");
            assertThat(server.getRequestCount()).isEqualTo(2);
            assertThat(sleeps).containsExactly(Duration.ofMillis(100));
        }

        @Test
        @DisplayName("{} on every attempt: an unreadable reply once the retries are exhausted, never cached")
        void emptyObjectExhausted() {
            ModelCache cache = ModelCache.of(CacheMode.LIVE, cacheDir);
            ModelClients cached = new ModelClients(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), () -> 0.5,
                    sleeps::add, CLOCK), cache.countingInto(cache.newCounts()), log::add);
            try {
                for (int run = 1; run <= 2; run++) {
                    for (int i = 0; i < 4; i++) {
                        server.enqueue(json(200, "{}"));
                    }
                    ModelClient client = cached.create(settings(3), SECRETS);
                    assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("Hi")))
                            .isInstanceOf(ModelCallException.class)
                            .hasMessage("model [judge]: unreadable reply after 4 attempts: HTTP 200, no"
                                    + " choices[0].message.content: {}");
                    // Not cached: the second run asks the server again.
                    assertThat(server.getRequestCount()).isEqualTo(4 * run);
                }
            } finally {
                cached.close();
            }
        }

        @Test
        @DisplayName("an empty 200 body is retried")
        void emptyBody() throws Exception {
            server.enqueue(json(200, ""));
            server.enqueue(reply("Paris."));

            assertThat(client().complete(ModelRequest.ofUser("Capital of France?")).text()).isEqualTo("Paris.");
            assertThat(server.getRequestCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("a refusal, a cut or a filtered answer is not transient: one request each")
        void notAnswersAreNotRetried() {
            server.enqueue(json(200, NotAnswers.REFUSAL));
            server.enqueue(json(200, "{\"choices\":[{\"message\":{\"content\":\"The\"},\"finish_reason\":\"length\"}]}"));
            server.enqueue(json(200, "{\"choices\":[{\"message\":{\"content\":null},"
                    + "\"finish_reason\":\"content_filter\"}]}"));
            ModelClient client = client();

            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("Hi")))
                        .hasMessageContaining("the reply is not an answer");
            }
            assertThat(server.getRequestCount()).isEqualTo(3);
        }

        @Test
        @DisplayName("a 400 is not retried")
        void clientErrorNotRetried() {
            server.enqueue(json(400, "{\"error\":{\"message\":\"bad request\"}}"));

            assertThatThrownBy(() -> client().complete(ModelRequest.ofUser("Hi")))
                    .hasMessage("model [judge]: HTTP 400 after 1 attempt: bad request");
            assertThat(server.getRequestCount()).isEqualTo(1);
        }
    }
}
