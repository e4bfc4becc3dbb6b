package dev.evalunit.pairwise;

import dev.evalunit.api.result.PairwiseResult;
import dev.evalunit.api.spi.PairwiseReporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Writes a result's files with every {@link PairwiseReporter} on the class path. */
public final class PairwiseReports {

    private PairwiseReports() {
    }

    /** @return the files written, the judgments file among them */
    public static List<Path> write(PairwiseResult result) {
        Path directory = result.reportDirectory();
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (PairwiseReporter reporter : ServiceLoader.load(PairwiseReporter.class, PairwiseReports.class.getClassLoader())) {
                written.addAll(reporter.report(result, directory));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("evalunit could not write the reports of [" + result.name() + "] to " + directory, e);
        }
        if (!Files.exists(result.judgmentsFile())) {
            throw new IllegalStateException("no reporter wrote the judgments file of [" + result.name()
                    + "]: is evalunit-reporters on the class path?");
        }
        return written;
    }
}
