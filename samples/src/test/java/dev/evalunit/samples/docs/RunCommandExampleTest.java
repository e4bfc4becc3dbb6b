package dev.evalunit.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.cli.Main;
import dev.evalunit.samples.support.StandInModelServer;
import dev.evalunit.samples.support.docs.RepositoryFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code run} command of docs/command-line.md, from the repository root, on the samples' AutoSxS file: in
 * process, and as the shaded jar {@code extension/target/evalunit-cli.jar} in a JVM of its own (which proves the
 * jar carries the JUnit Platform, the XML reporting and AssertJ). Without {@code OPENAI_API_KEY}, the models are
 * pointed at the samples' loopback stand-in by {@code -D} keys added after the documented ones.
 */
@ExtendWith(StandInModelServer.class)
@DisplayName("The documented run command")
class RunCommandExampleTest {

    static final String RUN_COMMAND = "java -jar extension/target/evalunit-cli.jar run samples/src/test/resources/evals/qa-candidate.autosxs.json --output target/evalunit-run --gate 'autosxs_model_a_win_rate>=0.5' -Devalunit.datasets.datasets/qa.jsonl=samples/src/test/resources/datasets/qa.jsonl -Devalunit.models.candidate.model=gpt-4o-mini '-Devalunit.models.candidate.api-key=${env:OPENAI_API_KEY}' -Devalunit.models.judge.model=gpt-4o '-Devalunit.models.judge.api-key=${env:OPENAI_API_KEY}' -Devalunit.judge.default=judge";
    private static final String JAR = "extension/target/evalunit-cli.jar";

    @TempDir
    Path output;

    @Test
    @DisplayName("in process: exits 0, writes the evaluation's files and TEST-evalunit-specs.xml")
    void inProcess() throws IOException {
        Path root = RepositoryFiles.findRoot(Path.of(""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.run(arguments(root).toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(out + "\n" + err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("evalunit run: 1 tests, 1 passed, 0 failed");
        assertThat(output.resolve("qa-candidate-from-json/metrics.json")).exists();
        assertThat(Files.readString(output.resolve("TEST-evalunit-specs.xml"))).contains("tests=\"1\"").contains("failures=\"0\"");
    }

    @Test
    @DisplayName("as java -jar of the shaded jar: the same, in a JVM of its own")
    void shadedJar() throws IOException, InterruptedException {
        Path root = RepositoryFiles.findRoot(Path.of(""));
        // The jar this build made (its output folder may be target-<suffix>), else the documented path.
        Path jar = System.getProperty("cliJar") != null ? Path.of(System.getProperty("cliJar")) : root.resolve(JAR);
        assertThat(jar).as("the command's jar: build it with mvn package").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(arguments(root));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("evalunit run: 1 tests, 1 passed, 0 failed");
        assertThat(Files.readString(output.resolve("TEST-evalunit-specs.xml"))).contains("tests=\"1\"").contains("failures=\"0\"");
    }

    /**
     * The documented command's arguments, split as a shell would (single quotes), with paths from the root,
     * {@code --output} in a temporary folder, and the stand-in's base URL and key reference when it runs.
     */
    private List<String> arguments(Path root) {
        List<String> args = new ArrayList<>();
        for (String word : words(RUN_COMMAND.substring(("java -jar " + JAR + " ").length()))) {
            int equals = word.indexOf("=samples/");
            if (word.startsWith("samples/")) {
                word = root.resolve(word).toString();
            } else if (equals > 0) {
                word = word.substring(0, equals + 1) + root.resolve(word.substring(equals + 1));
            } else if (word.equals("target/evalunit-run")) {
                word = output.toString();
            }
            args.add(word);
        }
        for (String model : List.of("candidate", "judge")) {
            for (String key : List.of("base-url", "api-key")) {
                String property = "evalunit.models." + model + "." + key;
                if (System.getProperty(property) != null) {
                    args.add("-D" + property + "=" + System.getProperty(property));
                }
            }
        }
        return args;
    }

    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                words.add(word.toString());
                word.setLength(0);
            } else {
                word.append(c);
            }
        }
        words.add(word.toString());
        return words;
    }
}
