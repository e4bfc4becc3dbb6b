package dev.evalunit.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.spi.AccessTokenSource;
import dev.evalunit.api.spi.AccessTokens;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.SecretReference;
import dev.evalunit.http.Backoff;
import dev.evalunit.http.RateLimits;
import dev.evalunit.model.ClientDecorator;
import dev.evalunit.model.ModelClients;
import dev.evalunit.model.ModelSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("vertex credentials without api-key (no access token source on the engine's own class path)")
class VertexCredentialsTest {

    private static final SecretReference NO_SECRETS = new SecretReference(name -> null, path -> null);

    private static ModelSettings vertex() {
        return new ModelSettings("judge", "vertex", "gemini-2.5-flash", "http://127.0.0.1:1/", null, null, Map.of(),
                Map.of(), Duration.ofSeconds(5), 0, RateLimits.DEFAULT,
                Map.of("project", "evals-project"));
    }

    @Test
    @DisplayName("in replay, a client is made without any: a replay sends nothing")
    void replayNeedsNone() {
        ClientDecorator replaying = new ClientDecorator() {
            @Override
            public ModelClient decorate(ModelClient client, ModelSettings settings) {
                return client;
            }

            @Override
            public boolean callsModels() {
                return false;
            }
        };
        try (ModelClients clients = new ModelClients(Backoff.standard(), replaying)) {
            assertThat(clients.create(vertex(), NO_SECRETS).name()).isEqualTo("judge");
        }
    }

    @Test
    @DisplayName("with calls, the client is refused, naming both ways")
    void refusedWhenCalling() {
        try (ModelClients clients = new ModelClients()) {
            assertThatThrownBy(() -> clients.create(vertex(), NO_SECRETS))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("api-key=${env:NAME}")
                    .hasMessageContaining("add evalunit-google-auth to the test class path");
        }
    }

    @Test
    @DisplayName("two access token sources on the class path are refused, naming both")
    void twoSources() {
        assertThatThrownBy(() -> AccessTokenSources.only(List.of(new Fake(), new Fake())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration error: there are 2 access token sources on the class path ("
                        + Fake.class.getName() + ", " + Fake.class.getName() + "). Keep one of them on the test"
                        + " class path.");
        assertThat(AccessTokenSources.only(List.of())).isEmpty();
    }

    private static final class Fake implements AccessTokenSource {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public AccessTokens open(ModelSpec spec) {
            return () -> "token";
        }
    }
}
