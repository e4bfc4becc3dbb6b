package dev.evalunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RepeatStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The experiment set's summary.md")
class SetSummaryReporterTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("names the best configuration per metric with its mean and interval, then every configuration")
    void bestPerMetric() throws IOException {
        ConfigurationResult cold = new ConfigurationResult("c1", "temperature=0", Map.of(), List.of("e1", "e2"),
                Map.of("exact_match", new RepeatStatistics("exact_match", 2, 0.8, 0.05, 0.35, 1.25, 0.1, 0.0)));
        ConfigurationResult hot = new ConfigurationResult("c2", "temperature=1 | wild", Map.of(), List.of("e3"),
                Map.of("exact_match", new RepeatStatistics("exact_match", 1, 0.5, null, null, null, null, 0.0)));
        ExperimentSetResult set = new ExperimentSetResult("grid", "", List.of(), List.of(cold, hot),
                Map.of("exact_match", new MetricRanking("exact_match", true, List.of("c1", "c2"), 0.25)), directory);

        List<Path> written = new SetSummaryReporter().reportSet(set, directory);

        assertThat(written).containsExactly(directory.resolve("summary.md"));
        assertThat(Files.readString(directory.resolve("summary.md"))).isEqualTo("""
                # Experiment set: grid

                | metric | best configuration | mean | 95% CI | p (best vs next) |
                |---|---|---|---|---|
                | exact_match | temperature=0 | 0.800 | 0.350 to 1.250 | 0.250 |

                | configuration | exact_match |
                |---|---|
                | temperature=0 | 0.800 (0.350 to 1.250) |
                | temperature=1 \\| wild | 0.500 (n/a) |
                """);
    }
}
