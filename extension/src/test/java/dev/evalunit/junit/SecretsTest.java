package dev.evalunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.cli.Main;
import dev.evalunit.testing.BatchApiServer;
import dev.evalunit.testing.ChatServer;
import dev.evalunit.testing.EngineRuns;
import dev.evalunit.testing.GenerateContentServer;
import dev.evalunit.testing.MessagesServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("An API key")
class SecretsTest {

    // Built at run time so that no key-shaped literal is committed. Its '/', '+' and '=' change when the
    // key is URL-encoded (%2F, %2B, %3D) or JSON-escaped (\/), so that each form is a distinct text to find.
    private static final String KEY = "sk-" + "evalunit-fake/" + UUID.randomUUID() + "+x=";
    /** The key as is, URL-encoded (upper- and lower-case hex) and JSON-escaped. */
    private static final List<String> FORMS = forms(KEY);

    @TempDir
    Path reports;

    @TempDir
    Path cache;

    @TempDir
    Path secrets;

    private String reference;

    @BeforeEach
    void writeKeyFile() throws IOException {
        // A mounted secret, with the trailing newline that echo and editors add.
        reference = "${file:" + Files.writeString(secrets.resolve("judge-key"), KEY + "\n") + "}";
    }

    private static List<String> forms(String key) {
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8);
        return List.of(key, encoded, lowerCaseHex(encoded),
                key.replace("/", "\\/"));
    }

    private static String lowerCaseHex(String encoded) {
        return java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(encoded)
                .replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
    }

    /** What a run left where a person could read it. */
    private record Run(EngineExecutionResults results, String console) {
    }

    private Run run(Class<?> fixture, String baseUrl) {
        return run(fixture, baseUrl, Map.of());
    }

    /** @param more configuration added to the usual: e.g. both models' provider */
    private Run run(Class<?> fixture, String baseUrl, Map<String, String> more) {
        Map<String, String> config = new HashMap<>();
        for (String model : List.of("candidate", "judge")) {
            config.put("evalunit.models." + model + ".base-url", baseUrl);
            config.put("evalunit.models." + model + ".api-key", reference);
            config.put("evalunit.models." + model + ".max-retries", "0");
        }
        config.put("evalunit.report.dir", reports.toString());
        config.put("evalunit.cache.mode", "record");
        config.put("evalunit.cache.dir", cache.toString());
        config.putAll(more);
        EngineRuns.Captured captured = EngineRuns.runCapturingConsole(fixture, config);
        return new Run(captured.results(), captured.console());
    }

    /** No form of the key in the failures (stack traces included), the console, the reports or the cache. */
    private void assertNoKeyAnywhere(Run run) throws IOException {
        List<String> texts = new ArrayList<>();
        EngineRuns.failures(run.results()).forEach(failure -> texts.add(stackText(failure)));
        texts.add(run.console());
        assertNoKeyIn(texts);
    }

    /** No form of the key in {@code texts}, nor in the reports or the cache. */
    private void assertNoKeyIn(List<String> texts) throws IOException {
        List<String> all = new ArrayList<>(texts);
        for (Path file : files(reports, cache)) {
            // Bytes as Latin-1, one char each: the key's forms are ASCII, and the cache's saved index is binary.
            all.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
        for (String text : all) {
            for (String form : FORMS) {
                assertThat(text).doesNotContain(form);
            }
        }
    }

    private static List<Path> files(Path... roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        return files;
    }

    private static String stackText(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Nested
    @DisplayName("given as ${file:PATH}")
    class ByFileReference {

        @Test
        @DisplayName("is sent without the file's trailing newline, and a passing run whose server quotes it in every"
                + " form leaves it in no report, cache file or console line")
        void passingRun() throws IOException {
            String quoted = String.join(" | ", FORMS);
            try (ChatServer server = ChatServer.start(call -> call.isAutorater()
                    ? ChatServer.verdict("A", "A quotes " + quoted) : "I was called with " + quoted)) {
                Run run = run(EvaluationTestCase.class, server.baseUrl());

                assertThat(server.authorizations()).isNotEmpty().containsOnly("Bearer " + KEY);
                assertThat(run.results().testEvents().succeeded().count()).isEqualTo(1);
                assertThat(files(cache)).as("the run recorded its replies").isNotEmpty();
                assertThat(cache.resolve("index/segments.index")).as("the cache's saved index, checked too").isRegularFile();
                assertThat(Files.readString(reports.resolve("EvaluationTestCase.evaluation/judgments.jsonl")))
                        .contains("I was called with ***");
                assertNoKeyAnywhere(run);
            }
        }

        @Test
        @DisplayName("a failing run whose server echoes it in every form leaves it in no judgment, report, message or"
                + " console line")
        void failingRun() throws Exception {
            MockWebServer server = hostileServer();
            try {
                Run run = run(EvaluationTestCase.class, server.url("/v1").toString());

                assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
                assertThat(EngineRuns.failures(run.results())).as("the fixture fails on its error rows").hasSize(1);
                assertThat(run.console()).contains("judgments written to");
                // The run summary's index entry (a row of figures, no request) is searched for the key too.
                assertThat(files(reports)).extracting(f -> reports.relativize(f).getName(0).toString().equals(".evalunit-index")
                                ? ".evalunit-index" : f.getFileName().toString())
                        .containsExactlyInAnyOrder("judgments.jsonl", "metrics.json", ".evalunit-index");
                // The errors themselves are kept, with the echoed key masked.
                assertThat(Files.readString(reports.resolve("EvaluationTestCase.evaluation/judgments.jsonl")))
                        .contains("HTTP 400").contains("***");
                assertNoKeyAnywhere(run);
            } finally {
                server.close();
            }
        }
    }

    /** A hostile server: every failure echoes the Authorization header, as is, URL-encoded and JSON-escaped. */
    private static MockWebServer hostileServer() throws IOException {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String echoed = String.valueOf(request.getHeaders().get("Authorization"));
                int code = request.getBody().utf8().contains("impartial judge") ? 500 : 400;
                String escaped = echoed.replace("/", "\\/");
                String encoded = URLEncoder.encode(echoed, StandardCharsets.UTF_8);
                return new MockResponse.Builder().code(code).body("{\"error\": {\"message\": \"bad key " + echoed
                        + "\", \"escaped\": \"" + escaped + "\", \"url\": \"/v1?key=" + encoded + "\"}}").build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        return server;
    }

    @Nested
    @DisplayName("given to evalunit run")
    class ThroughTheRunCommand {

        @Test
        @DisplayName("a failing run whose server echoes it leaves it in no output line, report or JUnit XML")
        void failingRun() throws Exception {
            MockWebServer server = hostileServer();
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int status = Main.run(new String[] {"run", "src/test/resources/specfiles/evals/autosxs/pregenerated.autosxs.json",
                        "--output", reports.toString(),
                        "-Devalunit.models.judge.base-url=" + server.url("/v1"),
                        "-Devalunit.models.judge.api-key=" + reference,
                        "-Devalunit.models.judge.max-retries=0",
                        "-Devalunit.judge.default=judge",
                        "-Devalunit.datasets.gs://my-bucket/autosxs/evaluation_dataset.jsonl=specfiles/evals/data/evaluation_dataset.jsonl",
                        "-Devalunit.cache.mode=record", "-Devalunit.cache.dir=" + cache},
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));

                assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
                assertThat(status).as("the error budget fails the evaluation").isEqualTo(1);
                assertThat(reports.resolve("TEST-evalunit-specs.xml")).exists();
                assertNoKeyIn(List.of(out.toString(StandardCharsets.UTF_8)));
            } finally {
                server.close();
            }
        }
    }

    @Nested
    @DisplayName("in replay mode")
    class InReplay {

        @Test
        @DisplayName("is not resolved: a run recorded with it replays once its file is gone, without a request, and"
                + " leaves it nowhere")
        void notResolved() throws IOException {
            String quoted = String.join(" | ", FORMS);
            try (ChatServer server = ChatServer.start(call -> call.isAutorater()
                    ? ChatServer.verdict("A", "A quotes " + quoted) : "I was called with " + quoted)) {
                run(EvaluationTestCase.class, server.baseUrl()).results().testEvents()
                        .assertStatistics(stats -> stats.succeeded(1));
                int recorded = server.requestCount();
                Files.delete(secrets.resolve("judge-key"));

                Run replayed = run(EvaluationTestCase.class, server.baseUrl(), Map.of("evalunit.cache.mode", "replay"));

                replayed.results().testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
                assertThat(server.requestCount()).as("requests of the replay").isEqualTo(recorded);
                assertThat(Files.readString(reports.resolve("EvaluationTestCase.evaluation/judgments.jsonl")))
                        .contains("I was called with ***");
                assertNoKeyAnywhere(replayed);
            }
        }
    }

    @Nested
    @DisplayName("passed as a system property (-D), which Surefire copies into its XML reports,")
    class AsSystemProperty {

        private static final String JUDGE_KEY = "evalunit.models.secrets-judge.api-key";
        private static final String CLIENT_SECRET = "evalunit.models.secrets-judge.params.client-secret";
        private static final String REFERENCE_KEY = "evalunit.models.secrets-other.api-key";
        private static final String REFERENCED = "SECRETS_TEST_KEY";
        private static final String ENV_REFERENCE_KEY = "evalunit.models.secrets-env.api-key";

        @AfterEach
        void clear() {
            Stream.of(JUDGE_KEY, CLIENT_SECRET, REFERENCE_KEY, REFERENCED, ENV_REFERENCE_KEY).forEach(System::clearProperty);
        }

        @Test
        @DisplayName("is removed when the launcher session opens, before any test runs, with any ${sys:NAME} it names;"
                + " references and other keys stay")
        void removedWhenTheSessionOpens() {
            System.setProperty(JUDGE_KEY, KEY);
            System.setProperty(CLIENT_SECRET, KEY);
            System.setProperty(REFERENCE_KEY, "${sys:" + REFERENCED + "}");
            System.setProperty(REFERENCED, KEY);
            System.setProperty(ENV_REFERENCE_KEY, "${env:JUDGE_KEY}");

            try (LauncherSession session = LauncherFactory.openSession()) {
                assertThat(System.getProperties()).doesNotContainKeys(JUDGE_KEY, CLIENT_SECRET, REFERENCE_KEY, REFERENCED)
                        .containsEntry(ENV_REFERENCE_KEY, "${env:JUDGE_KEY}");
                assertThat(System.getProperties().toString()).doesNotContain(KEY);
            }
        }
    }
    @Nested
    @DisplayName("in batch execution (evalunit.execution=batch)")
    class InBatchExecution {

        @Test
        @DisplayName("is sent to the batch API as a bearer token only, and batch lines that quote it in every form"
                + " (answers and error lines) leave it in no judgment, report, cache file or console line")
        void batchRun() throws IOException {
            try (BatchApiServer server = new BatchApiServer(1,
                    text -> text.contains("spider") ? BatchApiServer.Outcome.ERROR : BatchApiServer.Outcome.ANSWER)) {
                server.echo = " quoting " + String.join(" | ", FORMS);
                Run run = run(EvaluationTestCase.class, server.openAiBaseUrl(), Map.of("evalunit.execution", "batch",
                        "evalunit.cache.mode", "live", "evalunit.batch.poll-interval", "10ms"));

                assertThat(server.credentials).isNotEmpty().containsOnly("Bearer " + KEY);
                assertThat(server.batchesCreated).as("generation, then judging").hasValue(2);
                assertThat(EngineRuns.failures(run.results())).as("the fixture fails on its error row").hasSize(1);
                assertThat(Files.readString(reports.resolve("EvaluationTestCase.evaluation/judgments.jsonl")))
                        .contains("an answer quoting ***").contains("Invalid content in this request quoting ***");
                assertNoKeyAnywhere(run);
            }
        }
    }

    @Nested
    @DisplayName("of an anthropic model, sent in x-api-key")
    class InXApiKey {

        private static final Map<String, String> ANTHROPIC = Map.of(
                "evalunit.models.candidate.provider", "anthropic",
                "evalunit.models.judge.provider", "anthropic");

        @Test
        @DisplayName("is sent as is in x-api-key only, and a server that quotes it in every form leaves it in no"
                + " report, cache file or console line")
        void passingRun() throws IOException {
            String quoted = String.join(" | ", FORMS);
            try (MessagesServer server = MessagesServer.start(call -> MessagesServer.Answer.of(call.isAutorater()
                    ? ChatServer.verdict("A", "A quotes " + quoted) : "I was called with " + quoted))) {
                Run run = run(EvaluationTestCase.class, server.baseUrl(), ANTHROPIC);

                assertThat(server.apiKeys()).isNotEmpty().containsOnly(KEY);
                assertThat(run.results().testEvents().succeeded().count()).isEqualTo(1);
                assertThat(files(cache)).as("the run recorded its replies").isNotEmpty();
                assertThat(Files.readString(reports.resolve("EvaluationTestCase.evaluation/judgments.jsonl")))
                        .contains("I was called with ***");
                assertNoKeyAnywhere(run);
            }
        }

        @Test
        @DisplayName("a server whose error bodies echo x-api-key in every form leaves it in no judgment, report,"
                + " message or console line")
        void failingRun() throws Exception {
            MockWebServer server = new MockWebServer();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String echoed = String.valueOf(request.getHeaders().get("x-api-key"));
                    // 400, not 401: a 401 stops the evaluation at once (fail fast), with no judgments to search.
                    int code = request.getBody().utf8().contains("impartial judge") ? 500 : 400;
                    String escaped = echoed.replace("/", "\\/");
                    String encoded = URLEncoder.encode(echoed, StandardCharsets.UTF_8);
                    return new MockResponse.Builder().code(code).body("{\"type\": \"error\", \"error\": {\"type\":"
                            + " \"authentication_error\", \"message\": \"invalid x-api-key " + echoed + "\", \"escaped\": \""
                            + escaped + "\", \"url\": \"/v1/messages?key=" + encoded + "\"}}").build();
                }
            });
            server.start(InetAddress.getLoopbackAddress(), 0);
            try {
                Run run = run(EvaluationTestCase.class, server.url("/").toString(), ANTHROPIC);

                RecordedRequest first = server.takeRequest();
                assertThat(first.getHeaders().get("x-api-key")).isEqualTo(KEY);
                assertThat(first.getHeaders().get("Authorization")).isNull();
                assertThat(EngineRuns.failures(run.results())).as("the fixture fails on its error rows").hasSize(1);
                assertThat(Files.readString(reports.resolve("EvaluationTestCase.evaluation/judgments.jsonl")))
                        .contains("HTTP 400").contains("***");
                assertNoKeyAnywhere(run);
            } finally {
                server.close();
            }
        }
    }

    @Nested
    @DisplayName("of a gemini or vertex model, sent in x-goog-api-key or as a bearer token")
    class GoogleHeaders {

        private static final Map<String, String> GEMINI = Map.of(
                "evalunit.models.candidate.provider", "gemini",
                "evalunit.models.judge.provider", "gemini");
        private static final Map<String, String> VERTEX = Map.of(
                "evalunit.models.candidate.provider", "vertex",
                "evalunit.models.candidate.project", "evals-project",
                "evalunit.models.judge.provider", "vertex",
                "evalunit.models.judge.project", "evals-project");

        private GenerateContentServer quotingServer() {
            String quoted = String.join(" | ", FORMS);
            return GenerateContentServer.start(call -> GenerateContentServer.Answer.of(call.isAutorater()
                    ? ChatServer.verdict("A", "A quotes " + quoted) : "I was called with " + quoted));
        }

        @Test
        @DisplayName("gemini: the key is sent as is in x-goog-api-key only, and a server that quotes it in every form"
                + " leaves it in no report, cache file or console line")
        void gemini() throws IOException {
            try (GenerateContentServer server = quotingServer()) {
                Run run = run(EvaluationTestCase.class, server.baseUrl(), GEMINI);

                assertThat(server.apiKeys()).isNotEmpty().containsOnly(KEY);
                assertThat(server.authorizations()).containsOnly("null");
                assertThat(run.results().testEvents().succeeded().count()).isEqualTo(1);
                assertThat(files(cache)).as("the run recorded its replies").isNotEmpty();
                assertThat(Files.readString(reports.resolve("EvaluationTestCase.evaluation/judgments.jsonl")))
                        .contains("I was called with ***");
                assertNoKeyAnywhere(run);
            }
        }

        @Test
        @DisplayName("vertex: the token is sent as Authorization: Bearer only, and a server that quotes it in every form"
                + " leaves it in no report, cache file or console line")
        void vertex() throws IOException {
            try (GenerateContentServer server = quotingServer()) {
                Run run = run(EvaluationTestCase.class, server.baseUrl(), VERTEX);

                assertThat(server.authorizations()).isNotEmpty().containsOnly("Bearer " + KEY);
                assertThat(server.apiKeys()).containsOnly("null");
                assertThat(server.paths()).allMatch(path -> path.startsWith("/v1/projects/evals-project/locations/us-central1/"));
                assertThat(run.results().testEvents().succeeded().count()).isEqualTo(1);
                assertThat(files(cache)).as("the run recorded its replies").isNotEmpty();
                assertNoKeyAnywhere(run);
            }
        }

        @Test
        @DisplayName("a server whose error bodies echo x-goog-api-key in every form leaves it in no judgment, report,"
                + " message or console line")
        void failingRun() throws Exception {
            MockWebServer server = new MockWebServer();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String echoed = String.valueOf(request.getHeaders().get("x-goog-api-key"));
                    // 400, as Google AI answers a key it does not know: a 401 would stop the evaluation at once.
                    String escaped = echoed.replace("/", "\\/");
                    String encoded = URLEncoder.encode(echoed, StandardCharsets.UTF_8);
                    return new MockResponse.Builder().code(400).body("{\"error\": {\"code\": 400, \"message\": \"API key"
                            + " not valid: " + echoed + " (" + escaped + ", ?key=" + encoded + ")\", \"status\":"
                            + " \"INVALID_ARGUMENT\"}}").build();
                }
            });
            server.start(InetAddress.getLoopbackAddress(), 0);
            try {
                Run run = run(EvaluationTestCase.class, server.url("/").toString(), GEMINI);

                RecordedRequest first = server.takeRequest();
                assertThat(first.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
                assertThat(EngineRuns.failures(run.results())).as("the fixture fails on its error rows").hasSize(1);
                assertThat(Files.readString(reports.resolve("EvaluationTestCase.evaluation/judgments.jsonl")))
                        .contains("HTTP 400").contains("***");
                assertNoKeyAnywhere(run);
            } finally {
                server.close();
            }
        }
    }

    // Fixtures: run only through the engine above, never directly (they are not @Nested).

    /** Passes against an honest server, fails on its error rows against a hostile one. */
    static class EvaluationTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
            dev.evalunit.assertj.EvalAssertions.assertThat(result).hasNoErrors();
        }
    }
}
