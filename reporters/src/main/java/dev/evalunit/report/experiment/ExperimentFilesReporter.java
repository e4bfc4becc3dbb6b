package dev.evalunit.report.experiment;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.spi.ExperimentReporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an experiment set's machine-readable files: per experiment {@value #OBSERVATIONS_FILE}
 * (one line per row) and {@value #SUMMARY_FILE}; per set {@value #SET_SUMMARY_FILE}.
 */
public final class ExperimentFilesReporter implements ExperimentReporter {

    public static final String OBSERVATIONS_FILE = "observations.jsonl";
    public static final String SUMMARY_FILE = "summary.json";
    public static final String SET_SUMMARY_FILE = "set-summary.json";

    @Override
    public List<Path> reportExperiment(ExperimentResult result, Path directory) throws IOException {
        Path observations = directory.resolve(OBSERVATIONS_FILE);
        ObservationsFile.write(result, observations);
        Path summary = directory.resolve(SUMMARY_FILE);
        PrettyJsonFile.write(summary, generator -> ExperimentSummaryJson.write(generator, result));
        return List.of(observations, summary);
    }

    @Override
    public List<Path> reportSet(ExperimentSetResult result, Path directory) throws IOException {
        Path summary = directory.resolve(SET_SUMMARY_FILE);
        PrettyJsonFile.write(summary, generator -> SetSummaryJson.write(generator, result));
        return List.of(summary);
    }
}
