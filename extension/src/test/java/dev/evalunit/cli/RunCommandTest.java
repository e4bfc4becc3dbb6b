package dev.evalunit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.testing.ChatServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evalunit run}: spec files run through the JUnit Platform Launcher against a loopback stand-in (the
 * judge prefers answers marked "good"; the pre-generated file's model A wins 3 of 4), with the exit code, the
 * files and the JUnit XML report a CI job sees.
 */
@DisplayName("evalunit run")
class RunCommandTest {

    private static final String SPECS = "src/test/resources/specfiles/evals/";
    private static final String PREGENERATED = SPECS + "autosxs/pregenerated.autosxs.json";
    private static final String GATED = SPECS + "autosxs/parameters-only-gated.autosxs.json";
    private static final String MANUAL_SET = SPECS + "evalap/manual.experiment-set.json";
    private static final String GCS_DATASET = "gs://my-bucket/autosxs/evaluation_dataset.jsonl";

    private ChatServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path output;

    @BeforeEach
    void startServer() {
        server = ChatServer.start(prompt -> "good: " + prompt, ChatServer.judgePreferring("good"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** {@code run FILES --output DIR -D...} with the stand-in's configuration, then {@code more}. */
    private int run(List<String> files, String... more) {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(files);
        args.addAll(List.of("--output", output.toString(),
                "-Devalunit.models.judge.base-url=" + server.baseUrl(),
                "-Devalunit.models.judge.max-retries=0",
                "-Devalunit.judge.default=judge",
                "-Devalunit.datasets." + GCS_DATASET + "=specfiles/evals/data/evaluation_dataset.jsonl",
                "-Devalunit.cache.mode=off"));
        args.addAll(List.of(more));
        return Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String xml() throws IOException {
        return Files.readString(output.resolve("TEST-evalunit-specs.xml"));
    }

    @Nested
    @DisplayName("exits 0 when every test passes")
    class Passing {

        @Test
        @DisplayName("and writes the evaluation's files, the run summary and a JUnit XML report into --output")
        void passes() throws IOException {
            assertThat(run(List.of(PREGENERATED))).as(err()).isZero();

            Path evaluation = output.resolve("autosxs-pregenerated");
            assertThat(Files.readString(evaluation.resolve("metrics.json"))).contains("\"autosxs_model_a_win_rate\": 0.75");
            assertThat(Files.readAllLines(evaluation.resolve("judgments.jsonl"))).hasSize(4);
            assertThat(output.resolve("summary.md")).exists();
            assertThat(xml()).contains("<testsuite name=\"evalunit spec files\" tests=\"1\"")
                    .contains("failures=\"0\"").contains("errors=\"0\"")
                    .contains("<testcase name=\"");
            assertThat(out()).contains("evalunit run: 1 tests, 1 passed, 0 failed; JUnit XML report: "
                    + output.resolve("TEST-evalunit-specs.xml"));
        }

        @Test
        @DisplayName("a --gate that holds passes")
        void gateHolds() {
            assertThat(run(List.of(PREGENERATED), "--gate", "autosxs_model_a_win_rate>=0.75", "--gate", "error_count<=0"))
                    .as(err()).isZero();
        }
    }

    @Nested
    @DisplayName("exits 1 when a gate or an evaluation fails")
    class Failing {

        @Test
        @DisplayName("a --gate that does not hold fails with the AssertJ message, in the output and the XML")
        void commandLineGate() throws IOException {
            assertThat(run(List.of(PREGENERATED), "--gate", "autosxs_model_a_win_rate>=0.9")).isEqualTo(1);

            assertThat(out()).contains("FAILED ").contains("autosxs_model_a_win_rate")
                    .contains("evalunit run: 1 tests, 0 passed, 1 failed");
            assertThat(xml()).contains("failures=\"1\"").contains("<failure message=\"").contains("autosxs_model_a_win_rate");
            assertThat(output.resolve("autosxs-pregenerated").resolve("metrics.json")).as("the files are still written").exists();
        }

        @Test
        @DisplayName("a gate of the file's own evalunit block that does not hold fails the same way")
        void fileGate() throws IOException {
            assertThat(run(List.of(GATED))).isEqualTo(1);
            assertThat(xml()).contains("failures=\"1\"");
        }

        @Test
        @DisplayName("a file that fails and one that passes: 1, and both are in the report")
        void mixed() throws IOException {
            assertThat(run(List.of(PREGENERATED, GATED))).isEqualTo(1);
            assertThat(out()).contains("evalunit run: 2 tests, 1 passed, 1 failed");
            assertThat(xml()).contains("tests=\"2\"");
        }
    }

    @Nested
    @DisplayName("exits 2 on bad input, before any request reaches the server")
    class BadInput {

        @AfterEach
        void noRequest() {
            assertThat(server.requestCount()).as("requests that reached the server").isZero();
        }

        @Test
        @DisplayName("a file that does not exist")
        void missingFile() {
            assertThat(run(List.of(SPECS + "autosxs/nowhere.autosxs.json"))).isEqualTo(2);
            assertThat(err()).startsWith("Configuration error: spec file [" + SPECS + "autosxs/nowhere.autosxs.json]"
                    + " does not exist. Check the path (relative to the working directory, ");
        }

        @Test
        @DisplayName("a file that is not a spec file")
        void notASpecFile() {
            assertThat(run(List.of(SPECS + "data/evaluation_dataset.jsonl"))).isEqualTo(2);
            assertThat(err()).contains("Configuration error: file [" + SPECS + "data/evaluation_dataset.jsonl] is not a"
                    + " spec file. Give an AutoSxS pipeline definition named *.autosxs.json or an EvalAP experiment set"
                    + " named *.experiment-set.json.");
        }

        @Test
        @DisplayName("a spec file that is not JSON")
        void badJson() throws IOException {
            Path broken = Files.writeString(output.resolve("broken.autosxs.json"), "{\"displayName\": ");
            assertThat(run(List.of(broken.toString()))).isEqualTo(2);
            assertThat(out()).contains("ERROR ").contains("Configuration error: ").contains("broken.autosxs.json");
            assertThat(xml()).contains("<error message=\"Configuration error: ");
        }

        @Test
        @DisplayName("a misspelt configuration key")
        void misspeltKey() {
            assertThat(run(List.of(PREGENERATED), "-Devalunit.judge.defualt=judge")).isEqualTo(2);
            assertThat(out()).contains("Configuration error: ").contains("[evalunit.judge.defualt]");
        }

        @Test
        @DisplayName("a --gate that is not a comparison")
        void badGate() {
            assertThat(run(List.of(PREGENERATED), "--gate", "win rate at least 0.5")).isEqualTo(2);
            assertThat(err()).contains("Configuration error: option [--gate] gives the gate [win rate at least 0.5].");
        }

        @Test
        @DisplayName("a --gate on a figure metrics.json does not have")
        void unknownFigure() {
            assertThat(run(List.of(PREGENERATED), "--gate", "cohen_kappa>=0.4")).isEqualTo(2);
            assertThat(out()).contains("ERROR ").contains("Configuration error: configuration key [evalunit.specs.gates]"
                    + " gates [cohen_kappa], which is not a figure of metrics.json. Did you mean [cohens_kappa]?");
        }

        @Test
        @DisplayName("a --gate that none of the files has: a pairwise figure over an experiment set")
        void gateOnNoFile() {
            assertThat(run(List.of(MANUAL_SET), "--gate", "cohens_kappa>=0.4")).isEqualTo(2);
            assertThat(out()).contains("Configuration error: configuration key [evalunit.specs.gates] gates"
                    + " [cohens_kappa], which is not a metric of experiment set [manual_qa_v1]. Names: judge_precision,"
                    + " output_length.");
        }

        @Test
        @DisplayName("a --gate that one of the files has is checked on it, and passes over the other")
        void gateOnOneFile() {
            assertThat(run(List.of(MANUAL_SET, PREGENERATED), "--gate", "cohen_kappa>=0.4")).isEqualTo(2);
            assertThat(out()).contains("Configuration error: configuration key [evalunit.specs.gates] gates"
                    + " [cohen_kappa], which is not a figure of metrics.json or a metric of experiment set [manual_qa_v1]."
                    + " Did you mean [cohens_kappa]?");
        }

        @Test
        @DisplayName("no file, or a malformed -D, with the usage")
        void usage() {
            assertThat(run(List.of())).isEqualTo(2);
            assertThat(err()).contains("evalunit: missing spec file").contains("evalunit run FILE...");
            assertThat(run(List.of(PREGENERATED), "-Dnovalue")).isEqualTo(2);
            assertThat(err()).contains("evalunit: option [-Dnovalue] needs the form -Dkey=value");
        }
    }
}
