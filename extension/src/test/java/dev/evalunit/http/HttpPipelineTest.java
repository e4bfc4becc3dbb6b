package dev.evalunit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.model.ModelSettings;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What any HTTP provider gets from the pipeline, shown with a wire format that is not OpenAI's. */
@DisplayName("An HTTP pipeline")
class HttpPipelineTest {

    private static final String KEY = "sk-secret-123";
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

    private final List<String> log = new ArrayList<>();
    private MockWebServer server;
    private HttpPipelines pipelines;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        pipelines = new HttpPipelines(Backoff.withoutWaiting(), log::add);
    }

    @AfterEach
    void stop() {
        pipelines.close();
        server.close();
    }

    private HttpPipeline pipeline(int maxRetries) {
        ModelSettings spec = new ModelSettings("plain", "plain-json", "m", server.url("/api?v=2").toString(), null, null,
                null, null, java.time.Duration.ofSeconds(5), maxRetries);
        return pipelines.pipeline(spec, RateLimits.DEFAULT, KEY, "${env:PLAIN_KEY}");
    }

    private static Request.Builder post(HttpPipeline pipeline, String text) {
        return new Request.Builder().url(pipeline.baseUrl().newBuilder().addPathSegment("generate").build())
                .post(RequestBody.create(text, TEXT));
    }

    @Test
    @DisplayName("retries a 503 and a 429 for any wire format, and hands over the answer and the attempts")
    void retries() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(429).build());
        server.enqueue(new MockResponse.Builder().body("\uFEFF{\"text\":\"Paris\"}").build());
        HttpPipeline pipeline = pipeline(3);

        HttpExchange exchange = pipeline.execute(post(pipeline, "Capital of France?"));

        assertThat(exchange.successful()).isTrue();
        assertThat(exchange.body()).isEqualTo("{\"text\":\"Paris\"}");
        assertThat(exchange.attempts()).isEqualTo("3 attempts");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/generate");
        assertThat(pipelines.concurrencyLimit(server.url("/").toString())).isPresent();
    }

    @Test
    @DisplayName("builds its OkHttp client at the first call, so that a run whose replies all come from the cache builds none")
    void clientAtFirstCall() throws Exception {
        HttpPipeline pipeline = pipeline(0);

        assertThat(pipelines.clientBuilt()).isFalse();
        assertThat(pipelines.concurrencyLimit(server.url("/").toString())).isPresent();

        server.enqueue(new MockResponse.Builder().body("{\"text\":\"Paris\"}").build());
        assertThat(pipeline.execute(post(pipeline, "Capital of France?")).body()).isEqualTo("{\"text\":\"Paris\"}");
        assertThat(pipelines.clientBuilt()).isTrue();
    }

    @Test
    @DisplayName("words a failed status with the model's name and the server's text, the key scrubbed")
    void httpError() throws Exception {
        server.enqueue(new MockResponse.Builder().code(400).body("bad key " + KEY + "\n  try again").build());
        HttpPipeline pipeline = pipeline(0);

        HttpExchange exchange = pipeline.execute(post(pipeline, "Hi"));

        assertThat(exchange.successful()).isFalse();
        assertThat(pipeline.httpError(exchange)).isInstanceOf(ModelCallException.class)
                .hasMessage("model [plain]: HTTP 400 after 1 attempt: bad key *** try again");
    }

    @Test
    @DisplayName("scrubs a secret it is told of later (a refreshed access token) in every form, and still the key")
    void hidesLaterSecret() throws Exception {
        String token = "ya29.refreshed/token+1";
        server.enqueue(new MockResponse.Builder().code(400)
                .body("{\"error\":{\"message\":\"bad token " + token.replace("/", "\\/") + " or "
                        + URLEncoder.encode(token, StandardCharsets.UTF_8) + " or " + KEY
                        + "\"}}").build());
        HttpPipeline pipeline = pipeline(0);
        pipeline.hide(token);

        HttpExchange exchange = pipeline.execute(post(pipeline, "Hi"));

        assertThat(pipeline.httpError(exchange)).hasMessage("model [plain]: HTTP 400 after 1 attempt: bad token *** or"
                + " *** or ***");
    }

    @Test
    @DisplayName("words a connection failure after its retries")
    void connectionFailure() throws IOException {
        HttpPipeline pipeline = pipeline(1);
        server.close();

        assertThatThrownBy(() -> pipeline.execute(post(pipeline, "Hi")))
                .isInstanceOf(ModelCallException.class)
                .hasMessageStartingWith("model [plain]: connection failed after 2 attempts: ");
    }

    @Test
    @DisplayName("refuses a base URL that is not http(s)")
    void malformedBaseUrl() {
        ModelSettings spec = ModelSettings.openAi("plain", "localhost:8080");

        assertThatThrownBy(() -> pipelines.pipeline(spec, RateLimits.DEFAULT, null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: the base URL of model [plain] must be an http(s) URL, "
                        + "e.g. https://api.openai.com/v1.");
    }
}
