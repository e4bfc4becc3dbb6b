package dev.evalunit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.config.SecretForms;
import dev.evalunit.samples.support.ChatCompletionsDispatcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** An experiment set whose models and judge all take the key; run by the launcher below only. */
    static class SetFixture {
        @ExperimentSet(name = "keyed_set", dataset = "datasets/capitals.jsonl",
                metrics = {"judge_precision", "output_length"}, judgeModel = "judge", models = {"m1", "m2"})
        void eachExperiment(ExperimentResult experiment) {
        }
    }

    @Test
    @DisplayName("holds no form of the API key (as is, URL-encoded, JSON-escaped), though the run used one")
    void noKey() throws IOException, InterruptedException {
        run(Fixture.class, List.of("candidate", "judge"), 1);
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

    @Test
    @DisplayName("an experiment set's run leaves no form of the key in any file of the report directory: run summary, set pages, observations")
    void noKeyAfterExperimentSet() throws IOException, InterruptedException {
        run(SetFixture.class, List.of("m1", "m2", "judge"), 2);

        List<Path> files;
        try (Stream<Path> walk = Files.walk(reports)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        // The files a reader opens are all there: the run summary, the set's pages, each experiment's records.
        assertThat(files.stream().map(file -> reports.relativize(file).toString().replace('\\', '/')))
                .contains("summary.md", "index.html", "keyed_set/summary.md", "keyed_set/set-report.html",
                        "keyed_set/set-summary.json", "keyed_set/keyed_set__0/observations.jsonl",
                        "keyed_set/keyed_set__1/summary.json");
        assertThat(Files.readString(reports.resolve("summary.md"), StandardCharsets.UTF_8)).contains("keyed_set");
        List<String> forms = new ArrayList<>(SecretForms.of(KEY));
        forms.addAll(List.of("evalunit-fake", "judge-key"));
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            for (String form : forms) {
                assertThat(text).as("%s must not hold %s", reports.relativize(file), form).doesNotContain(form);
            }
        }
    }

    /** Runs {@code fixture} with every one of {@code models} on the loopback server, given the key as {@code ${file:...}}. */
    private void run(Class<?> fixture, List<String> models, int tests) throws IOException, InterruptedException {
        Path keyFile = Files.writeString(secrets.resolve("judge-key"), KEY + "\n");
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new ChatCompletionsDispatcher());
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            Map<String, String> config = new HashMap<>();
            for (String model : models) {
                config.put("evalunit.models." + model + ".base-url", "http://127.0.0.1:" + server.getPort() + "/v1");
                config.put("evalunit.models." + model + ".api-key", "${file:" + keyFile + "}");
            }
            config.put("evalunit.report.dir", reports.toString());
            config.put("evalunit.cache.mode", "off"); // every call reaches the server, with the key
            // Only the fixture: not the spec files under evals/ that the class's class path root holds.
            config.put("evalunit.specs.with-test-classes", "false");
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(fixture))
                    .configurationParameters(config).build(), listener);

            assertThat(listener.getSummary().getTestsSucceededCount()).isEqualTo(tests);
            assertThat(server.getRequestCount()).isPositive();
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        }
    }
}
