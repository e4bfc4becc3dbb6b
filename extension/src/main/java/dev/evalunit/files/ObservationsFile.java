package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.json.JsonWriting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * An experiment's observations ({@value #NAME}): one compact JSON object per line, one line per row
 * in dataset order, the metrics in the experiment's metric order. A metric the row has no
 * observation of is written as {@code null}, so that every line has every metric's key; read back,
 * such a metric is absent from the row's scores. A run writes the file as its rows finish ({@link ObservationsWriter}).
 */
@API(status = INTERNAL, since = "0.1")
public final class ObservationsFile {

    public static final String NAME = "observations.jsonl";
    static final String KIND = "observations file";

    private ObservationsFile() {
    }

    /**
     * Writes {@code result}'s rows into {@code directory} (which exists), one at a time; returns the file. Rows a
     * run already wrote to that very file ({@link ObservationsOnDisk}) are left as they are.
     */
    public static Path write(ExperimentResult result, Path directory) throws IOException {
        Path file = directory.resolve(NAME);
        if (result.rows() instanceof ObservationsOnDisk disk && Files.exists(file) && Files.isSameFile(disk.file(), file)) {
            return file;
        }
        try (ObservationsWriter writer = ObservationsWriter.open(file, result.metricNames())) {
            for (RowResult row : result.rows()) {
                writer.write(row);
            }
            writer.finish();
        }
        return file;
    }

    /**
     * Reads the rows of an observations file back, in file order. One pass checks every line and keeps where
     * each starts, not the row: the list returned reads each row again when asked ({@link ObservationsOnDisk}).
     *
     * @throws ConfigurationException when the file is missing or a line is not an observation
     */
    public static ObservationsOnDisk read(Path file) {
        String where = KIND + " [" + file + "]";
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(where + " was not found. Name a file evalunit wrote.");
        }
        LineStarts starts = new LineStarts();
        long end;
        try {
            end = LineScan.scan(file, (number, start, text) -> {
                if (!text.isBlank()) {
                    row(JsonFiles.parse(text, where + " line " + number));
                    starts.add(start);
                }
            });
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(where + " is not UTF-8 text. Save it as UTF-8.");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + where, e);
        }
        return new ObservationsOnDisk(starts.lines(file, end, KIND));
    }

    /** Line {@code number} of {@code file}, read back as a row (the reading of {@link ObservationsOnDisk}). */
    static RowResult row(Path file, int number, String text) {
        return row(JsonFiles.parse(text, KIND + " [" + file + "] line " + number));
    }

    static void writeLine(JsonGenerator generator, RowResult row, List<String> metricNames) throws IOException {
        Generation generation = row.generation();
        generator.writeStartObject();
        generator.writeFieldName("row_id");
        JsonWriting.writeValue(generator, row.rowId());
        generator.writeStringField("output", generation.output());
        JsonWriting.writeNumberField(generator, "generation_seconds", generation.seconds());
        JsonWriting.writeNumberField(generator, "prompt_tokens", generation.promptTokens());
        JsonWriting.writeNumberField(generator, "completion_tokens", generation.completionTokens());
        generator.writeStringField("generation_error", generation.error());
        generator.writeObjectFieldStart("metrics");
        JsonFiles.writeByName(generator, metricNames, row.scores(), (fields, observation) -> {
            JsonWriting.writeNumberField(fields, "score", observation.score());
            fields.writeStringField("judge_text", observation.judgeText());
            fields.writeStringField("error", observation.error());
        });
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
