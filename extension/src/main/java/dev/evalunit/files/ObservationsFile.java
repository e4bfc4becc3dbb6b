package dev.evalunit.files;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.json.JsonWriting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's observations ({@value #NAME}): one compact JSON object per line, one line per row
 * in dataset order, the metrics in the experiment's metric order. A metric the row has no
 * observation of is written as {@code null}, so that every line has every metric's key; read back,
 * such a metric is absent from the row's scores.
 */
public final class ObservationsFile {

    public static final String NAME = "observations.jsonl";

    private ObservationsFile() {
    }

    /** Writes {@code result}'s rows into {@code directory} (which exists); returns the file. */
    public static Path write(ExperimentResult result, Path directory) throws IOException {
        Path file = directory.resolve(NAME);
        JsonFiles.writeLines(file, result.rows(), (generator, row) -> writeLine(generator, row, result.metricNames()));
        return file;
    }

    /**
     * Reads the rows of an observations file back, in file order.
     *
     * @throws ConfigurationException when the file is missing or a line is not an observation
     */
    public static List<RowResult> read(Path file) {
        List<RowResult> rows = new ArrayList<>();
        for (Fields line : JsonFiles.readLines(file, "observations file")) {
            rows.add(row(line));
        }
        return rows;
    }

    private static void writeLine(JsonGenerator generator, RowResult row, List<String> metricNames) throws IOException {
        Generation generation = row.generation();
        generator.writeStartObject();
        generator.writeFieldName("row_id");
        JsonWriting.writeValue(generator, row.rowId());
        generator.writeStringField("output", generation.output());
        generator.writeFieldName("generation_seconds");
        JsonWriting.writeNumber(generator, generation.seconds());
        generator.writeFieldName("prompt_tokens");
        JsonWriting.writeNumber(generator, generation.promptTokens());
        generator.writeFieldName("completion_tokens");
        JsonWriting.writeNumber(generator, generation.completionTokens());
        generator.writeStringField("generation_error", generation.error());
        generator.writeObjectFieldStart("metrics");
        for (String metric : metricNames) {
            generator.writeFieldName(metric);
            MetricObservation observation = row.scores().get(metric);
            if (observation == null) {
                generator.writeNull();
                continue;
            }
            generator.writeStartObject();
            generator.writeFieldName("score");
            JsonWriting.writeNumber(generator, observation.score());
            generator.writeStringField("judge_text", observation.judgeText());
            generator.writeStringField("error", observation.error());
            generator.writeEndObject();
        }
        generator.writeEndObject();
        generator.writeEndObject();
    }

    private static RowResult row(Fields line) {
        Generation generation = new Generation(line.text("output"), line.number("generation_seconds"),
                line.count("prompt_tokens"), line.count("completion_tokens"), line.text("generation_error"));
        Map<String, MetricObservation> scores = new LinkedHashMap<>();
        Fields metrics = line.object("metrics");
        for (String metric : metrics == null ? List.<String>of() : metrics.names()) {
            Fields observation = metrics.object(metric);
            if (observation != null) {
                scores.put(metric, observation(observation, metric));
            }
        }
        Object rowId = line.value("row_id");
        if (rowId == null) {
            throw new ConfigurationException(line.where() + " has a null [row_id]. Use a file evalunit wrote.");
        }
        return new RowResult(rowId, generation, scores);
    }

    private static MetricObservation observation(Fields observation, String metric) {
        try {
            return new MetricObservation(observation.number("score"), observation.text("judge_text"),
                    observation.text("error"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(observation.where() + " is not an observation of [" + metric + "]: "
                    + e.getMessage() + ". Use a file evalunit wrote.");
        }
    }
}
