package dev.evalunit.experiment;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.spi.ExperimentReporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/** Writes an experiment set's files with every {@link ExperimentReporter} on the class path. */
public final class ExperimentReports {

    /** The set summary's name inside the set's report directory. */
    public static final String SET_SUMMARY = "set-summary.json";

    private ExperimentReports() {
    }

    /** @return the set summary file */
    public static Path write(ExperimentSetResult set) {
        List<ExperimentReporter> reporters = ServiceLoader.load(ExperimentReporter.class, ExperimentReports.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
        try {
            Files.createDirectories(set.reportDirectory());
            for (ExperimentResult experiment : set.experiments()) {
                Files.createDirectories(experiment.reportDirectory());
                for (ExperimentReporter reporter : reporters) {
                    reporter.reportExperiment(experiment, experiment.reportDirectory());
                }
            }
            for (ExperimentReporter reporter : reporters) {
                reporter.reportSet(set, set.reportDirectory());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("evalunit could not write the reports of experiment set [" + set.name()
                    + "] to " + set.reportDirectory(), e);
        }
        return set.reportDirectory().resolve(SET_SUMMARY);
    }
}
