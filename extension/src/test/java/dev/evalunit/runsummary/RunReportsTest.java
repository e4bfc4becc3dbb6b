package dev.evalunit.runsummary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.run.RunEvaluation;
import dev.evalunit.api.run.RunResult;
import dev.evalunit.api.spi.RunReporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The run reporters (index.html with evalunit-reporters)")
class RunReportsTest {

    @TempDir
    Path root;

    private static final RunResult RUN = new RunResult(List.of(new RunEvaluation(RunEvaluation.PAIRWISE, "QaEval.winning",
            RunEvaluation.PASS, "A wins 75.0% [30.1%, 95.4%]; 0/4 errors", "QaEval.winning/report.html", null)),
            Instant.parse("2026-12-07T03:47:01Z"), Instant.parse("2026-12-07T03:48:13Z"));

    @Test
    @DisplayName("a reporter that fails is said on standard error; the next one still writes its files")
    void failingReporter() {
        RunReporter failing = (run, directory) -> {
            throw new IOException("disk full");
        };
        RunReporter writing = (run, directory) -> List.of(Files.writeString(directory.resolve("runs.txt"),
                run.evaluations().get(0).name() + " " + run.duration().toSeconds() + " s"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream console = System.err;
        List<Path> written;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            written = RunReports.write(RUN, root, List.of(failing, writing));
        } finally {
            System.setErr(console);
        }

        assertThat(written).containsExactly(root.resolve("runs.txt"));
        assertThat(root.resolve("runs.txt")).hasContent("QaEval.winning 72 s");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("could not write the run's report to " + root
                + ": java.io.IOException: disk full");
    }

    @Test
    @DisplayName("counts the run's outcomes for a page's header")
    void counts() {
        assertThat(RUN.count(RunEvaluation.PASS)).isOne();
        assertThat(RUN.count(RunEvaluation.FAIL)).isZero();
    }
}
