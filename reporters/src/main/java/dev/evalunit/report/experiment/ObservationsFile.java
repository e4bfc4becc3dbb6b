package dev.evalunit.report.experiment;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.report.JsonWriting;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An experiment's observations: one compact JSON object per line, one line per row in dataset
 * order, the metrics in the experiment's metric order. A metric the row has no observation of is
 * written as {@code null}, so that every line has every metric's key.
 */
final class ObservationsFile {

    private ObservationsFile() {
    }

    static void write(ExperimentResult result, Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (RowResult row : result.rows()) {
                try (JsonGenerator generator = JsonWriting.compactGenerator(writer)) {
                    writeLine(generator, row, result);
                }
                writer.write('\n');
            }
        }
    }

    private static void writeLine(JsonGenerator generator, RowResult row, ExperimentResult result) throws IOException {
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
        for (String metric : result.metricNames()) {
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
}
