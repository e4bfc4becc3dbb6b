package dev.evalunit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.SecretReference;
import dev.evalunit.http.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ModelClients")
class ModelClientsTest {

    private static final SecretReference NO_SECRETS = new SecretReference(name -> null, name -> null);

    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("lets OkHttp run as many requests as evalunit's own workers send, and leaves retries to evalunit")
    void sharedClient() {
        try (ModelClients clients = new ModelClients(Backoff.withoutWaiting())) {
            OkHttpClient shared = clients.sharedClient();

            assertThat(shared.dispatcher().getMaxRequests()).isGreaterThanOrEqualTo(256);
            assertThat(shared.dispatcher().getMaxRequestsPerHost()).isGreaterThanOrEqualTo(256);
            assertThat(shared.retryOnConnectionFailure()).isFalse();
        }
    }

    @Test
    @DisplayName("sets up no TLS while every model is called over http, and speaks TLS to an https model")
    void tlsOnlyWhenAsked() {
        try (ModelClients clients = new ModelClients(Backoff.withoutWaiting())) {
            assertThat(clients.sharedClient().connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
            assertThat(clients.sharedClient().x509TrustManager()).isNull();

            // Port 1 on loopback refuses at once: the attempt gets as far as connecting, so TLS was on offer.
            assertThatThrownBy(() -> clients.create(ModelSettings.openAi("secure", "https://127.0.0.1:1/v1"), NO_SECRETS)
                    .complete(ModelRequest.ofUser("Hi")))
                    .isInstanceOf(ModelCallException.class)
                    .hasMessage("model [secure]: connection failed after 5 attempts: Failed to connect to /127.0.0.1:1");
        }
    }

    @Test
    @DisplayName("on close, stops the dispatcher and drops the pooled connections")
    void close() throws Exception {
        server.enqueue(new MockResponse.Builder().body("{\"choices\":[{\"message\":{\"content\":\"hi\"}}]}").build());
        ModelClients clients = new ModelClients(Backoff.withoutWaiting());
        clients.create(ModelSettings.openAi("judge", server.url("/v1").toString()), NO_SECRETS)
                .complete(ModelRequest.ofUser("Hi"));
        assertThat(clients.sharedClient().connectionPool().connectionCount()).isEqualTo(1);

        clients.close();

        assertThat(clients.sharedClient().connectionPool().connectionCount()).isZero();
        assertThat(clients.sharedClient().dispatcher().executorService().isShutdown()).isTrue();
    }

    @Test
    @DisplayName("refuses a provider it does not find, before sending anything")
    void unknownProvider() {
        ModelSettings settings = new ModelSettings("judge", "mistral", "claude", server.url("/v1").toString(), null,
                null, Map.of(), Map.of(), Duration.ofSeconds(5), 0);

        try (ModelClients clients = new ModelClients(Backoff.withoutWaiting())) {
            assertThatThrownBy(() -> clients.create(settings, NO_SECRETS))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: model [judge] has unknown provider [mistral]. Providers found: anthropic, gemini, openai, vertex. "
                            + "For another provider, put its jar on the test class path (it registers itself in "
                            + "META-INF/services/dev.evalunit.api.spi.ModelProvider).");
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    @DisplayName("refuses a base URL that is not an http(s) URL")
    void malformedBaseUrl() {
        try (ModelClients clients = new ModelClients(Backoff.withoutWaiting())) {
            assertThatThrownBy(() -> clients.create(ModelSettings.openAi("judge", "localhost:8080/v1"), NO_SECRETS))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: the base URL of model [judge] must be an http(s) URL, "
                            + "e.g. https://api.openai.com/v1.");
        }
    }
}
