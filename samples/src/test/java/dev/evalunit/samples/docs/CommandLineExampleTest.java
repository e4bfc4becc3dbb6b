package dev.evalunit.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.cli.Main;
import dev.evalunit.samples.support.docs.RepositoryFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The command of docs/command-line.md, run from the repository root: the metrics step on a judgments
 * file the question-answering sample wrote (kept in {@code src/test/resources/docs/}), which prints
 * the metrics JSON that docs/file-formats.md shows; and the ranking command on three judgments files
 * that name their models, which prints the ranking docs/command-line.md shows.
 */
class CommandLineExampleTest {

    static final String COMMAND = "java -jar extension/target/evalunit-cli.jar metrics --judgments samples/src/test/resources/docs/judgments.jsonl --human-preference-column actual";
    static final String JAR_COMMAND = "java -jar extension/target/evalunit-cli.jar ";
    static final String RANK_COMMAND = "java -jar extension/target/evalunit-cli.jar rank --judgments samples/src/test/resources/docs/ranking/flash-vs-reference.jsonl samples/src/test/resources/docs/ranking/pro-vs-reference.jsonl samples/src/test/resources/docs/ranking/pro-vs-flash.jsonl --baseline reference_answer";

    @Test
    @DisplayName("the documented metrics command prints the documented metrics.json and exits 0")
    void metricsCommand() throws IOException {
        Path root = RepositoryFiles.findRoot(Path.of(""));

        assertThat(runFromRoot(root, COMMAND))
                .isEqualTo(Files.readString(root.resolve("samples/src/test/resources/docs/metrics.json")));
        // The jar the command names is the one extension/pom.xml builds.
        assertThat(Files.readString(root.resolve("extension/pom.xml"))).contains("<finalName>evalunit-cli</finalName>");
    }

    @Test
    @DisplayName("the documented rank command prints the documented ranking and exits 0")
    void rankCommand() throws IOException {
        Path root = RepositoryFiles.findRoot(Path.of(""));

        assertThat(runFromRoot(root, RANK_COMMAND))
                .isEqualTo(Files.readString(root.resolve("samples/src/test/resources/docs/ranking.json")));
    }

    /** Runs {@code command} in-process as if from the repository root; asserts exit 0; returns its output. */
    private static String runFromRoot(Path root, String command) {
        String[] args = Arrays.stream(command.substring(JAR_COMMAND.length()).split(" "))
                .map(arg -> arg.endsWith(".jsonl") ? root.resolve(arg).toString() : arg)
                .toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
