package dev.evalunit.googleauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.spi.AccessTokens;
import dev.evalunit.http.RateLimits;
import dev.evalunit.model.ModelSettings;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Application Default Credentials: access tokens from google-auth-library")
class ApplicationDefaultCredentialsSourceTest {

    @TempDir
    Path dir;

    private final ApplicationDefaultCredentialsSource source = new ApplicationDefaultCredentialsSource();

    private static ModelSettings vertex(Map<String, Object> params) {
        return new ModelSettings("judge", "vertex", "gemini-2.5-flash", "http://127.0.0.1:1/", null, null, Map.of(),
                Map.of(), Duration.ofSeconds(5), 0, RateLimits.DEFAULT, params);
    }

    private AccessTokens open(Path credentials) {
        return source.open(vertex(Map.of("project", "evals-project", "credentials-file", credentials.toString())));
    }

    @Nested
    @DisplayName("with a service account's key file (credentials-file)")
    class ServiceAccount {

        @Test
        @DisplayName("exchanges a JWT it signs, scoped to cloud-platform, for a token at the file's token_uri")
        void exchangesJwt() throws Exception {
            try (TokenEndpoint endpoint = new TokenEndpoint(3600)) {
                String token = open(endpoint.serviceAccountFile(dir)).current();

                assertThat(endpoint.issued()).containsExactly(token);
                Map<String, String> form = form(endpoint.grants().get(0));
                assertThat(form).containsEntry("grant_type", TokenEndpoint.JWT_BEARER);
                String[] jwt = form.get("assertion").split("\\.");
                assertThat(jwt).hasSize(3);
                String claims = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
                assertThat(claims).contains("\"scope\":\"" + ApplicationDefaultCredentialsSource.SCOPE + "\"",
                        "\"iss\":\"evals@evals-project.iam.gserviceaccount.com\"");
            }
        }

        @Test
        @DisplayName("keeps a fresh token: one token request for many calls")
        void keepsFreshToken() throws Exception {
            try (TokenEndpoint endpoint = new TokenEndpoint(3600)) {
                AccessTokens tokens = open(endpoint.serviceAccountFile(dir));
                String first = tokens.current();

                assertThat(tokens.current()).isEqualTo(first);
                assertThat(tokens.current()).isEqualTo(first);
                assertThat(endpoint.grants()).hasSize(1);
            }
        }

        @Test
        @DisplayName("refreshes an expired token before handing it out")
        void refreshesExpired() throws Exception {
            // One second of validity is well inside the library's expiry margin: each token is expired at once.
            try (TokenEndpoint endpoint = new TokenEndpoint(1)) {
                AccessTokens tokens = open(endpoint.serviceAccountFile(dir));
                String first = tokens.current();
                String second = tokens.current();

                assertThat(second).isNotEqualTo(first);
                assertThat(endpoint.issued()).containsExactly(first, second);
            }
        }
    }

    @Nested
    @DisplayName("refuses, before any call")
    class Refuses {

        @Test
        @DisplayName("a credentials-file that does not exist")
        void missingFile() {
            Path missing = dir.resolve("absent.json");
            assertThatThrownBy(() -> open(missing))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("[credentials-file] names [" + missing.toAbsolutePath() + "], which does not exist."
                            + " Write the path of a credentials JSON file, or leave it unset for Application Default"
                            + " Credentials");
        }

        @Test
        @DisplayName("a credentials-file that is not Google credentials, without quoting it")
        void notCredentials() throws Exception {
            Path file = Files.writeString(dir.resolve("token.json"), "{\"private\": \"do-not-quote-me\"}");
            assertThatThrownBy(() -> open(file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("[credentials-file] names [" + file.toAbsolutePath() + "], which is not a Google"
                            + " credentials JSON file (a service account key or user credentials). Download the"
                            + " service account's key again, or fix the path")
                    .hasNoCause();
        }
    }

    private static Map<String, String> form(String body) {
        return java.util.Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(pair -> pair[0],
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }
}
