package dev.evalunit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.Candidate;
import dev.evalunit.api.PairwiseEval;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.result.PairwiseResult;
import dev.evalunit.testing.EngineRuns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("An API key")
class SecretsTest {

    // Built at run time so that no key-shaped literal is committed.
    private static final String KEY = "sk-" + "evalunit-fake-" + UUID.randomUUID();
    private static final String KEY_PROPERTY = "evalunit-test.secret.key";

    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path reports;

    @BeforeEach
    void start() throws IOException {
        System.setProperty(KEY_PROPERTY, KEY);
        // A hostile server: every failure echoes the request's Authorization header back.
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String echoed = String.valueOf(request.getHeaders().get("Authorization"));
                int code = request.getBody().utf8().contains("impartial judge") ? 500 : 401;
                return new MockResponse.Builder().code(code)
                        .body("{\"error\": {\"message\": \"bad key " + echoed + "\"}}").build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
        System.clearProperty(KEY_PROPERTY);
    }

    @Test
    @DisplayName("is sent to the server, and appears in no judgment, report, message or console line, even when the server echoes it")
    void staysSecret() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        EngineExecutionResults results;
        try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            results = EngineRuns.run(FailingServerTestCase.class, Map.of(
                    "evalunit.models.candidate.base-url", server.url("/v1").toString(),
                    "evalunit.models.candidate.api-key", "${sys:" + KEY_PROPERTY + "}",
                    "evalunit.models.candidate.max-retries", "0",
                    "evalunit.models.judge.base-url", server.url("/v1").toString(),
                    "evalunit.models.judge.api-key", "${sys:" + KEY_PROPERTY + "}",
                    "evalunit.models.judge.max-retries", "0",
                    "evalunit.report.dir", reports.toString()));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        List<Throwable> failures = EngineRuns.failures(results);
        assertThat(failures).as("the fixture fails on its error rows").hasSize(1);
        assertThat(stackText(failures.get(0))).doesNotContain(KEY);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("judgments written to").doesNotContain(KEY);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(reports)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString())
                .containsExactlyInAnyOrder("judgments.jsonl", "metrics.json");
        for (Path file : files) {
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain(KEY);
        }
        // The errors themselves are kept, with the echoed key masked.
        assertThat(Files.readString(reports.resolve("FailingServerTestCase.evaluation/judgments.jsonl")))
                .contains("HTTP 401").contains("***");
    }

    private static String stackText(Throwable t) {
        java.io.StringWriter text = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    static class FailingServerTestCase {
        @PairwiseEval(dataset = "datasets/qa-small.jsonl", task = Task.QUESTION_ANSWERING, idColumns = "id",
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "question")),
                modelA = @Candidate(model = "candidate", params = @PromptParam(template = "{{ question }}")),
                modelB = @Candidate(responseColumn = "answer_b"))
        void evaluation(PairwiseResult result) {
            dev.evalunit.assertj.EvalAssertions.assertThat(result).hasNoErrors();
        }
    }
}
