package dev.evalunit.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.api.spi.ExperimentReporter;
import dev.evalunit.files.SetSummaryFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Writing an experiment set's files")
class ExperimentReportsTest {

    @TempDir
    Path reports;

    private ExperimentSetResult set() {
        Path directory = reports.resolve("set_v1");
        ExperimentResult experiment = new ExperimentResult("set_v1", "set_v1__0", 0, "aaa", 0, 1,
                Map.of("dataset", "qa.jsonl"), List.of("output_length"),
                List.of(new RowResult(1, Generation.preGenerated("Paris."), Map.of("output_length", MetricObservation.of(6)))),
                Map.of("output_length", new MetricSummary("output_length", 6.0, 1, 0)), directory.resolve("set_v1__0"));
        return new ExperimentSetResult("set_v1", null, List.of(experiment), List.of(), Map.of(), directory);
    }

    @Test
    @DisplayName("writes observations, summaries and the set summary itself, with no reporter, and reads back the same set")
    void withoutReporters() {
        ExperimentSetResult set = set();

        List<Path> files = ExperimentReports.write(set, List.of());

        assertThat(files).containsExactly(set.reportDirectory().resolve("set-summary.json"));
        assertThat(set.reportDirectory().resolve("set_v1__0/observations.jsonl")).exists();
        assertThat(set.reportDirectory().resolve("set_v1__0/summary.json")).exists();
        assertThat(SetSummaryFile.read(set.reportDirectory())).isEqualTo(set);
    }

    @Test
    @DisplayName("then calls each reporter once per experiment and once for the set, after the contract files exist")
    void reporters() {
        List<String> calls = new ArrayList<>();
        ExperimentReporter reporter = new ExperimentReporter() {
            @Override
            public List<Path> reportExperiment(ExperimentResult result, Path directory) {
                assertThat(directory.resolve("summary.json")).exists();
                calls.add("experiment " + result.name());
                return List.of();
            }

            @Override
            public List<Path> reportSet(ExperimentSetResult result, Path directory) {
                assertThat(directory.resolve("set-summary.json")).exists();
                calls.add("set " + result.name());
                return List.of();
            }
        };

        ExperimentReports.write(set(), List.of(reporter));

        assertThat(calls).containsExactly("experiment set_v1__0", "set set_v1");
    }
}
