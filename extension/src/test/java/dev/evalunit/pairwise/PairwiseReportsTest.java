package dev.evalunit.pairwise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.Vote;
import dev.evalunit.api.spi.PairwiseReporter;
import dev.evalunit.files.JudgmentsFile;
import dev.evalunit.files.MetricsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Writing a pairwise result's files")
class PairwiseReportsTest {

    private static final PairwiseMetrics METRICS = new PairwiseMetrics(1, 0, 1.0, 0.0, 0.0, 0.2, 1.0, null, null);

    @TempDir
    Path reports;

    private PairwiseResult result() {
        Judgment judgment = new Judgment(Map.of("id", "q1"), "i", "c", "a", "b", Choice.MODEL_A, 1.0, "A is better",
                List.of(new AutoraterSample(Position.AB, Vote.A, "A")), null);
        return new PairwiseResult("Eval.method", "question_answering", List.of("id"), null, List.of(judgment), METRICS,
                reports.resolve("Eval.method"));
    }

    @Test
    @DisplayName("writes the judgments and metrics itself, with no reporter at all, and does not throw")
    void withoutReporters() {
        PairwiseResult result = result();

        List<Path> written = PairwiseReports.write(result, List.of());

        Path directory = result.reportDirectory();
        assertThat(written).containsExactly(directory.resolve("judgments.jsonl"), directory.resolve("metrics.json"));
        assertThat(JudgmentsFile.read(written.get(0), null).judgments()).isEqualTo(result.judgments());
        assertThat(MetricsFile.read(written.get(1))).isEqualTo(METRICS);
    }

    @Test
    @DisplayName("then lets each reporter add its files, after the contract files exist")
    void reportersAddFiles() {
        PairwiseReporter extra = (result, directory) -> {
            assertThat(directory.resolve("judgments.jsonl")).exists();
            Path file = directory.resolve("extra.txt");
            try {
                Files.writeString(file, result.name());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return List.of(file);
        };

        List<Path> written = PairwiseReports.write(result(), List.of(extra));

        assertThat(written).extracting(path -> path.getFileName().toString())
                .containsExactly("judgments.jsonl", "metrics.json", "extra.txt");
    }

    @Test
    @DisplayName("finds no reporter on the engine's own class path: evalunit-reporters is not a dependency")
    void noReporterOnTheClassPath() {
        assertThat(java.util.ServiceLoader.load(PairwiseReporter.class, PairwiseReports.class.getClassLoader()))
                .isEmpty();
        assertThat(PairwiseReports.write(result())).hasSize(2);
    }
}
