package dev.evalunit.googleauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.config.SecretForms;
import dev.evalunit.config.SecretReference;
import dev.evalunit.http.RateLimits;
import dev.evalunit.model.ModelClients;
import dev.evalunit.model.ModelSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

@DisplayName("A vertex model without api-key, with evalunit-google-auth on the class path")
class VertexWithGoogleAuthTest {

    @TempDir
    Path dir;

    @TempDir
    Path reports;

    private ModelClient vertex(ModelClients clients, VertexStandIn vertex, Path credentials) {
        return clients.create(new ModelSettings("gemini", "vertex", "gemini-2.5-flash", vertex.baseUrl(), null, null,
                Map.of(), Map.of(), Duration.ofSeconds(5), 0, RateLimits.DEFAULT,
                Map.of("project", "evals-project", "credentials-file", credentials.toString())),
                SecretReference.fromProcess());
    }

    @Nested
    @DisplayName("calls Vertex AI")
    class Calls {

        @Test
        @DisplayName("with Authorization: Bearer <the token the service account's JWT was exchanged for>")
        void bearer() throws Exception {
            try (TokenEndpoint tokens = new TokenEndpoint(3600); VertexStandIn vertex = new VertexStandIn();
                 ModelClients clients = new ModelClients()) {
                ModelClient client = vertex(clients, vertex, tokens.serviceAccountFile(dir));

                assertThat(client.complete(ModelRequest.ofUser("Capital of France?")).text()).isEqualTo("Paris");
                client.complete(ModelRequest.ofUser("Capital of France, again?"));

                assertThat(tokens.issued()).hasSize(1);
                assertThat(vertex.authorizations()).containsExactly("Bearer " + tokens.issued().get(0),
                        "Bearer " + tokens.issued().get(0));
            }
        }

        @Test
        @DisplayName("with a refreshed token once the first one expired")
        void refreshed() throws Exception {
            try (TokenEndpoint tokens = new TokenEndpoint(1); VertexStandIn vertex = new VertexStandIn();
                 ModelClients clients = new ModelClients()) {
                ModelClient client = vertex(clients, vertex, tokens.serviceAccountFile(dir));

                client.complete(ModelRequest.ofUser("first"));
                client.complete(ModelRequest.ofUser("second"));

                assertThat(tokens.issued()).hasSize(2);
                assertThat(vertex.authorizations()).containsExactly("Bearer " + tokens.issued().get(0),
                        "Bearer " + tokens.issued().get(1));
            }
        }

        @Test
        @DisplayName("and a failure that quotes the token back shows *** instead, for a refreshed token too")
        void failureMasksToken() throws Exception {
            try (TokenEndpoint tokens = new TokenEndpoint(1); VertexStandIn vertex = new VertexStandIn();
                 ModelClients clients = new ModelClients()) {
                ModelClient client = vertex(clients, vertex, tokens.serviceAccountFile(dir));
                client.complete(ModelRequest.ofUser("first"));
                vertex.echoAuthorization();

                assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("second")))
                        .isInstanceOf(ModelCallException.class)
                        .hasMessage("model [gemini]: HTTP 500 after 1 attempt: internal error for Bearer ***");
                assertThat(tokens.issued()).hasSize(2);
                assertThat(vertex.authorizations().get(1)).isEqualTo("Bearer " + tokens.issued().get(1));
            }
        }
    }

    @Test
    @DisplayName("a refused token stops the model after one request, naming Application Default Credentials")
    void refusedToken() throws Exception {
        try (TokenEndpoint tokens = new TokenEndpoint(3600); VertexStandIn vertex = new VertexStandIn();
             ModelClients clients = new ModelClients()) {
            vertex.refuseCredentials();
            ModelClient client = vertex(clients, vertex, tokens.serviceAccountFile(dir));

            assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("first")))
                    .hasMessageEndingWith(": Request had invalid authentication credentials. Check its API key"
                            + " [Application Default Credentials]: the server refused it. No further request is sent"
                            + " to model [gemini].");
            assertThatThrownBy(() -> client.complete(ModelRequest.ofUser("second")))
                    .hasMessageContaining("[Application Default Credentials]");
            assertThat(vertex.authorizations()).hasSize(1);
        }
    }

    /** Run by the launcher below only (surefire leaves nested classes out). */
    static class SetFixture {
        @ExperimentSet(name = "vertex_set", dataset = "datasets/capitals.jsonl", metrics = "output_length",
                models = "gemini")
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    @Test
    @DisplayName("an experiment set's run sends the token on every call and leaves it in no file of the report directory")
    void noTokenInReports() throws Exception {
        try (TokenEndpoint tokens = new TokenEndpoint(1); VertexStandIn vertex = new VertexStandIn()) {
            runSet(tokens, vertex, Map.of("evalunit.cache.mode", "off"));

            assertThat(vertex.authorizations()).hasSize(3)
                    .allSatisfy(header -> assertThat(tokens.issued()).contains(header.substring("Bearer ".length())));
            assertNoTokenIn(reports, tokens);
        }
    }

    @Test
    @DisplayName("an answer that quotes the token back is kept with *** instead, in the cache and in the reports")
    void answerQuotingToken() throws Exception {
        Path cache = dir.resolve("cache");
        try (TokenEndpoint tokens = new TokenEndpoint(1); VertexStandIn vertex = new VertexStandIn()) {
            vertex.quoteAuthorizationInAnswers();
            runSet(tokens, vertex, Map.of("evalunit.cache.mode", "live", "evalunit.cache.dir", cache.toString()));

            Path observations;
            try (Stream<Path> walk = Files.walk(reports)) {
                observations = walk.filter(file -> file.endsWith("observations.jsonl")).findFirst().orElseThrow();
            }
            assertThat(Files.readString(observations)).contains("Paris, says Bearer ***");
            assertNoTokenIn(reports, tokens);
            assertNoTokenIn(cache, tokens);
        }
    }

    private void runSet(TokenEndpoint tokens, VertexStandIn vertex, Map<String, String> more) throws Exception {
        Map<String, String> config = new HashMap<>(more);
        config.put("evalunit.models.gemini.provider", "vertex");
        config.put("evalunit.models.gemini.model", "publishers/google/models/gemini-2.5-flash");
        config.put("evalunit.models.gemini.project", "evals-project");
        config.put("evalunit.models.gemini.base-url", vertex.baseUrl());
        config.put("evalunit.models.gemini.credentials-file", tokens.serviceAccountFile(dir).toString());
        config.put("evalunit.report.dir", reports.toString());
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(SetFixture.class))
                .configurationParameters(config).build(), listener);

        assertThat(listener.getSummary().getFailures()).isEmpty();
        assertThat(listener.getSummary().getTestsSucceededCount()).isEqualTo(1);
    }

    private static void assertNoTokenIn(Path folder, TokenEndpoint tokens) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        List<String> forms = new ArrayList<>();
        tokens.issued().forEach(token -> forms.addAll(SecretForms.of(token)));
        forms.add("evalunit-fake");
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            for (String form : forms) {
                assertThat(text).as("%s must not hold %s", folder.relativize(file), form).doesNotContain(form);
            }
        }
    }
}
