package dev.evalunit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.samples.support.ChatCompletionsDispatcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

@DisplayName("The HTML report of a real run")
class ReportSecretsTest {

    // Built at run time, as in SecretsTest: no key-shaped literal is committed.
    private static final String KEY = "sk-" + "evalunit-fake/" + UUID.randomUUID() + "+x=";

    @TempDir
    Path reports;

    @TempDir
    Path secrets;

    /** Run by the launcher below only (surefire leaves nested classes out). */
    static class Fixture {
        @PairwiseEval(dataset = "datasets/qa.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge",
                        instruction = @Prompt(template = "Answer the question: {{ question }}"),
                        context = @Prompt(column = "context")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(name = "prompt",
                        template = "{{ default_instruction }}\n\n{{ context }}\n\nQuestion: {{ question }}")),
                modelB = @Candidate(responseColumn = "model_b_response"),
                humanPreferenceColumn = "actual")
        void compare(PairwiseResult result) {
        }
    }

    @Test
    @DisplayName("holds no form of the API key (as is, URL-encoded, JSON-escaped), though the run used one")
    void noKey() throws IOException, InterruptedException {
        Path keyFile = Files.writeString(secrets.resolve("judge-key"), KEY + "\n");
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new ChatCompletionsDispatcher());
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            Map<String, String> config = new HashMap<>();
            for (String model : List.of("candidate", "judge")) {
                config.put("evalunit.models." + model + ".base-url", "http://127.0.0.1:" + server.getPort() + "/v1");
                config.put("evalunit.models." + model + ".api-key", "${file:" + keyFile + "}");
            }
            config.put("evalunit.report.dir", reports.toString());
            config.put("evalunit.cache.mode", "off"); // every call reaches the server, with the key
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(Fixture.class))
                    .configurationParameters(config).build(), listener);

            assertThat(listener.getSummary().getTestsSucceededCount()).isEqualTo(1);
            assertThat(server.getRequestCount()).isPositive();
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        }
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(reports)) {
            pages = walk.filter(file -> file.getFileName().toString().equals("report.html")).toList();
        }
        assertThat(pages).hasSize(1);
        String html = Files.readString(pages.get(0), StandardCharsets.UTF_8);
        assertThat(html).contains("<tr class=\"example ");
        String encoded = URLEncoder.encode(KEY, StandardCharsets.UTF_8);
        assertThat(html).doesNotContain(KEY, encoded, encoded.toLowerCase(), KEY.replace("/", "\\/"),
                "evalunit-fake", "judge-key");
    }
}
