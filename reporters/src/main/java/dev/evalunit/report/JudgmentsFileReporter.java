package dev.evalunit.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalunit.api.result.AutoraterSample;
import dev.evalunit.api.result.Judgment;
import dev.evalunit.api.result.PairwiseResult;
import dev.evalunit.api.spi.PairwiseReporter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the judgments file ({@value PairwiseResult#JUDGMENTS_FILE}), the contract of docs/file-formats.md:
 * one JSON object per line, one line per example, fields in a fixed order.
 */
public final class JudgmentsFileReporter implements PairwiseReporter {

    @Override
    public List<Path> report(PairwiseResult result, Path directory) throws IOException {
        Path file = directory.resolve(PairwiseResult.JUDGMENTS_FILE);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Judgment judgment : result.judgments()) {
                try (JsonGenerator generator = JsonWriting.compactGenerator(writer)) {
                    writeLine(generator, judgment, result.humanPreferenceColumn());
                }
                writer.write('\n');
            }
        }
        return List.of(file);
    }

    private static void writeLine(JsonGenerator generator, Judgment judgment, String humanPreferenceColumn)
            throws IOException {
        generator.writeStartObject();
        // Ids exactly as the map holds them: the engine decides their names (e.g. "row" without id columns).
        for (Map.Entry<String, Object> id : judgment.ids().entrySet()) {
            generator.writeFieldName(id.getKey());
            JsonWriting.writeValue(generator, id.getValue());
        }
        generator.writeStringField("inference_instruction", judgment.inferenceInstruction());
        generator.writeStringField("inference_context", judgment.inferenceContext());
        generator.writeStringField("response_a", judgment.responseA());
        generator.writeStringField("response_b", judgment.responseB());
        generator.writeStringField("choice", judgment.choice().label());
        generator.writeFieldName("confidence");
        JsonWriting.writeNumber(generator, judgment.confidence());
        generator.writeStringField("explanation", judgment.explanation());
        generator.writeArrayFieldStart("samples");
        for (AutoraterSample sample : judgment.samples()) {
            generator.writeStartObject();
            generator.writeStringField("position", sample.position().name());
            generator.writeStringField("choice", sample.choice().name());
            generator.writeStringField("explanation", sample.explanation());
            generator.writeEndObject();
        }
        generator.writeEndArray();
        if (humanPreferenceColumn != null) {
            generator.writeStringField(humanPreferenceColumn, judgment.humanPreference());
        }
        generator.writeEndObject();
    }
}
