package dev.evalunit.samples.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.samples.support.docs.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI recipe of docs/sharding.md: the plain-shell script runs, end to end, on the question-answering sample
 * (each shard in a JVM of its own, as {@code mvn test} would, the merge by the command line); the GitHub
 * Actions workflow runs the same commands in its matrix and merge jobs.
 */
@DisplayName("The sharding recipe (docs/sharding.md)")
class ShardedRunScriptTest {

    private static final Path ROOT = RepositoryFiles.findRoot(Path.of(""));
    private static final Path SCRIPT = ROOT.resolve("samples/src/test/resources/ci/sharded-run.sh");
    private static final Path WORKFLOW = ROOT.resolve("samples/src/test/resources/ci/sharded-evaluation.yml");

    @TempDir
    Path work;

    private Path mvn;
    private Path evalunit;

    /** Stand-ins for Maven and the command line's jar: this JVM's class path, in a new JVM each time. */
    @BeforeEach
    void commands() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        mvn = script("mvn", "shift\nexec '" + java + "' -cp '" + classPath + "' " + ShardRun.class.getName() + " \"$@\"\n");
        evalunit = script("evalunit", "exec '" + java + "' -cp '" + classPath + "' dev.evalunit.cli.Main \"$@\"\n");
    }

    private Path script(String name, String body) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private record Result(int exitCode, String output) {
    }

    private Result runScript(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("MVN", mvn.toString());
        builder.environment().put("EVALUNIT", evalunit.toString());
        builder.environment().put("SHARDS_DIR", "out");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    @DisplayName("the shell script runs each shard, merges them and exits 0 when the gates hold")
    void shellScriptPasses() throws Exception {
        Result result = runScript("2", "--gate", "autosxs_model_a_win_rate>=0.5");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("[shard-run] {evalunit.shard=1/2, evalunit.report.dir=out/shard-1}: 0 succeeded,"
                + " 1 aborted, 0 failed", "[shard-run] {evalunit.shard=2/2, evalunit.report.dir=out/shard-2}: 0 succeeded,"
                + " 1 aborted, 0 failed", "[evalunit] merge: every gate holds on 1 evaluation");
        Path merged = work.resolve("out/merged/QuestionAnsweringEvalTest.candidateBeatsBaseline");
        Path shard1 = work.resolve("out/shard-1/QuestionAnsweringEvalTest.candidateBeatsBaseline/judgments.jsonl");
        Path shard2 = work.resolve("out/shard-2/QuestionAnsweringEvalTest.candidateBeatsBaseline/judgments.jsonl");
        assertThat(Files.readAllLines(merged.resolve("judgments.jsonl")))
                .hasSize(Files.readAllLines(shard1).size() + Files.readAllLines(shard2).size())
                .containsAll(Files.readAllLines(shard1)).containsAll(Files.readAllLines(shard2));
        // The reporters on the class path wrote the pages a run writes, the same as a single run's. The single run
        // calls the stand-in as the shards did (not the cache they filled), so that its tokens are as live as theirs.
        Process single = new ProcessBuilder(mvn.toString(), "test", "-Devalunit.report.dir=single",
                "-Devalunit.cache.mode=off").directory(work.toFile())
                .redirectErrorStream(true).start();
        String singleOutput = new String(single.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(single.waitFor()).as(singleOutput).isZero();
        Path whole = work.resolve("single/QuestionAnsweringEvalTest.candidateBeatsBaseline");
        List<String> files;
        try (var list = Files.list(whole)) {
            files = list.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(files).contains("judgments.jsonl", "metrics.json", "summary.md", "report.html");
        for (String file : files) {
            assertThat(Files.readString(merged.resolve(file))).as(file).isEqualTo(Files.readString(whole.resolve(file)));
        }
        // The run's own summary too: the merge's row (its outcome the gates') is the single run's (its test's).
        assertThat(Files.readString(work.resolve("out/merged/summary.md")))
                .isEqualTo(Files.readString(work.resolve("single/summary.md")));
        assertThat(work.resolve("out/merged/index.html")).isRegularFile();
    }

    @Test
    @DisplayName("the shell script exits 1 when a gate fails, naming it")
    void shellScriptFailsOnAGate() throws Exception {
        Result result = runScript("2", "--gate", "autosxs_model_b_win_rate>=0.9");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("evaluation [QuestionAnsweringEvalTest.candidateBeatsBaseline] gate"
                + " [autosxs_model_b_win_rate>=0.9] failed");
    }

    @Test
    @DisplayName("the workflow runs one mvn test per shard of its matrix, uploads each, and merges them all with the command line")
    void workflow() throws IOException {
        String workflow = Files.readString(WORKFLOW);

        assertThat(workflow).contains("shard: [1, 2, 3, 4]",
                "run: mvn -B test -Devalunit.shard=${{ matrix.shard }}/4 -Devalunit.report.dir=target/evalunit-shard",
                "name: evalunit-shard-${{ matrix.shard }}", "pattern: evalunit-shard-*", "needs: shard",
                "dev.evalunit.cli.Main merge --output evalunit --gate \"autosxs_model_a_win_rate>=0.5\" shards/evalunit-shard-*");
        assertThat(workflow).doesNotContain("\t");
    }
}
