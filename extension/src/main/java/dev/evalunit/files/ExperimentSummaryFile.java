package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.api.usage.Usage;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.cost.UsageFields;
import dev.evalunit.json.JsonWriting;
import dev.evalunit.shard.Shard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One experiment's summary ({@value #NAME}), pretty-printed: who it is, its configuration, each
 * metric's figures ({@code null} for a metric without a summary), and its tokens and cost when counted.
 * Read back together with the experiment's {@link ObservationsFile}, it gives the whole {@link ExperimentResult}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExperimentSummaryFile {

    public static final String NAME = "summary.json";
    /** The field a partial run's file starts with: which shard's figures these are. */
    public static final String SHARD = MetricsFile.SHARD;

    private ExperimentSummaryFile() {
    }

    /** Writes {@code result}'s summary into {@code directory} (which exists); returns the file. */
    public static Path write(ExperimentResult result, Path directory) throws IOException {
        return write(result, directory, null);
    }

    /**
     * Writes the summary of a partial run: {@value #SHARD} ({@code K/N}) first, then the figures, which are the
     * shard's own; {@code null} writes a whole run's file.
     */
    public static Path write(ExperimentResult result, Path directory, Shard shard) throws IOException {
        return JsonFiles.writePretty(directory, NAME, generator -> writeSummary(generator, result, shard));
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
                summaries, directory).withUsage(UsageSums.of(json));
    }

    private static void writeSummary(JsonGenerator generator, ExperimentResult result, Shard shard) throws IOException {
        generator.writeStartObject();
        if (shard != null) {
            generator.writeStringField(SHARD, shard.label());
        }
        generator.writeStringField("name", result.name());
        generator.writeStringField("set", result.setName());
        generator.writeNumberField("index", result.index());
        generator.writeStringField("configuration_id", result.configurationId());
        generator.writeNumberField("repeat_index", result.repeatIndex());
        generator.writeNumberField("repeat_count", result.repeatCount());
        generator.writeFieldName("configuration");
        JsonWriting.writeValue(generator, result.configuration());
        generator.writeObjectFieldStart("metrics");
        JsonFiles.writeByName(generator, result.metricNames(), result.metrics(), (fields, summary) -> {
            JsonWriting.writeNumberField(fields, "mean", summary.mean());
            fields.writeNumberField("support", summary.support());
            fields.writeNumberField("failures", summary.failures());
            JsonWriting.writeNumberField(fields, "failure_rate", summary.failureRate());
        });
        generator.writeEndObject();
        // Its tokens and cost, when counted (a file read back from shards that wrote none has none to give).
        if (result.usage() != Usage.NONE) {
            for (Map.Entry<String, Object> field : UsageFields.asMap(result.usage()).entrySet()) {
                generator.writeFieldName(field.getKey());
                JsonWriting.writeValue(generator, field.getValue());
            }
        }
        generator.writeEndObject();
    }
}
