package dev.evalunit.files;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.json.JsonWriting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One experiment's summary ({@value #NAME}), pretty-printed: who it is, its configuration, and each
 * metric's figures ({@code null} for a metric without a summary). Read back together with the
 * experiment's {@link ObservationsFile}, it gives the whole {@link ExperimentResult}.
 */
public final class ExperimentSummaryFile {

    public static final String NAME = "summary.json";

    private ExperimentSummaryFile() {
    }

    /** Writes {@code result}'s summary into {@code directory} (which exists); returns the file. */
    public static Path write(ExperimentResult result, Path directory) throws IOException {
        Path file = directory.resolve(NAME);
        JsonFiles.writePretty(file, generator -> writeSummary(generator, result));
        return file;
    }

    /**
     * Reads an experiment back from its directory: {@value #NAME} and {@value ObservationsFile#NAME}.
     * The result's report directory is {@code directory}.
     *
     * @throws ConfigurationException when a file is missing or not what evalunit writes
     */
    public static ExperimentResult read(Path directory) {
        Fields json = JsonFiles.readObject(directory.resolve(NAME), "experiment summary file");
        Fields metrics = json.requiredObject("metrics");
        Map<String, MetricSummary> summaries = new LinkedHashMap<>();
        for (String metric : metrics.names()) {
            Fields summary = metrics.object(metric);
            if (summary != null) {
                summaries.put(metric, new MetricSummary(metric, summary.number("mean"), summary.integer("support"),
                        summary.integer("failures")));
            }
        }
        return new ExperimentResult(json.text("set"), json.text("name"), json.integer("index"),
                json.text("configuration_id"), json.integer("repeat_index"), json.integer("repeat_count"),
                json.map("configuration"), metrics.names(), ObservationsFile.read(directory.resolve(ObservationsFile.NAME)),
                summaries, directory);
    }

    private static void writeSummary(JsonGenerator generator, ExperimentResult result) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("name", result.name());
        generator.writeStringField("set", result.setName());
        generator.writeNumberField("index", result.index());
        generator.writeStringField("configuration_id", result.configurationId());
        generator.writeNumberField("repeat_index", result.repeatIndex());
        generator.writeNumberField("repeat_count", result.repeatCount());
        generator.writeFieldName("configuration");
        JsonWriting.writeValue(generator, result.configuration());
        generator.writeObjectFieldStart("metrics");
        for (String metric : result.metricNames()) {
            generator.writeFieldName(metric);
            MetricSummary summary = result.metrics().get(metric);
            if (summary == null) {
                generator.writeNull();
                continue;
            }
            generator.writeStartObject();
            generator.writeFieldName("mean");
            JsonWriting.writeNumber(generator, summary.mean());
            generator.writeNumberField("support", summary.support());
            generator.writeNumberField("failures", summary.failures());
            generator.writeFieldName("failure_rate");
            JsonWriting.writeNumber(generator, summary.failureRate());
            generator.writeEndObject();
        }
        generator.writeEndObject();
        generator.writeEndObject();
    }
}
