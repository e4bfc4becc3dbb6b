package dev.evalunit.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RepeatStatistics;
import dev.evalunit.api.usage.Usage;
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
        ExperimentSetResult set = grid("temperature=1 | wild", List.of());

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

    @Test
    @DisplayName("gives each configuration its tokens over its runs, and its cost with a price table (n/a without a price)")
    void tokensPerConfiguration() throws IOException {
        Usage priced = new Usage(List.of(new Usage.ModelUsage("judge", 100, 40, 0, 0, 4, 0, 0.0002),
                new Usage.ModelUsage("m1", 20, 10, 0, 0, 4, 0, 0.0001)), true, 0.0003);
        Usage unpriced = new Usage(List.of(new Usage.ModelUsage("judge", 100, 40, 0, 0, 4, 0, 0.0002),
                new Usage.ModelUsage("m2", 30, 12, 0, 0, 4, 0, null)), true, null);
        ExperimentSetResult set = grid("temperature=1", List.of(experiment("e1", priced), experiment("e2", priced),
                experiment("e3", unpriced)));

        assertThat(SetSummaryReporter.render(set)).contains("""
                | configuration | exact_match | tokens (all runs) |
                |---|---|---|
                | temperature=0 | 0.800 (0.350 to 1.250) | 240 in, 100 out, $0.0006 |
                | temperature=1 | 0.500 (n/a) | 130 in, 52 out, n/a |
                """);
    }

    /** Two configurations of exact_match: temperature=0 (runs e1, e2; the best) and {@code hotLabel} (run e3). */
    private ExperimentSetResult grid(String hotLabel, List<ExperimentResult> experiments) {
        ConfigurationResult cold = new ConfigurationResult("c1", "temperature=0", Map.of(), List.of("e1", "e2"),
                Map.of("exact_match", new RepeatStatistics("exact_match", 2, 0.8, 0.05, 0.35, 1.25, 0.1, 0.0)));
        ConfigurationResult hot = new ConfigurationResult("c2", hotLabel, Map.of(), List.of("e3"),
                Map.of("exact_match", new RepeatStatistics("exact_match", 1, 0.5, null, null, null, null, 0.0)));
        return new ExperimentSetResult("grid", "", experiments, List.of(cold, hot),
                Map.of("exact_match", new MetricRanking("exact_match", true, List.of("c1", "c2"), 0.25)), directory);
    }

    private ExperimentResult experiment(String name, Usage usage) {
        return new ExperimentResult("grid", name, 0, "c", 0, 1, Map.of(), List.of("exact_match"), List.of(), Map.of(),
                directory, name, usage);
    }
}
