package dev.evalunit.report;

import dev.evalunit.api.result.PairwiseMetrics;
import dev.evalunit.api.result.PairwiseResult;
import dev.evalunit.api.spi.PairwiseReporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes {@value #METRICS_FILE}: {@link PairwiseMetrics#asMap()} as a pretty-printed JSON object. */
public final class MetricsFileReporter implements PairwiseReporter {

    public static final String METRICS_FILE = "metrics.json";

    @Override
    public List<Path> report(PairwiseResult result, Path directory) throws IOException {
        Path file = directory.resolve(METRICS_FILE);
        Files.writeString(file, JsonWriting.metricsJson(result.metrics()) + "\n", StandardCharsets.UTF_8);
        return List.of(file);
    }
}
