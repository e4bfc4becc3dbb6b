package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.json.JsonWriting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The judgments file ({@value PairwiseResult#JUDGMENTS_FILE}), the contract of docs/file-formats.md: one JSON
 * object per line, one line per example, fields in a fixed order. Writes it, and reads it back
 * (see {@link JudgmentsReader} for what a reader accepts).
 */
@API(status = INTERNAL, since = "0.1")
public final class JudgmentsFile {

    /** The optional field naming side A: written when the result names it. */
    public static final String MODEL_A = "model_a";
    /** The optional field naming side B: written when the result names it. */
    public static final String MODEL_B = "model_b";

    private JudgmentsFile() {
    }

    /**
     * Writes {@code result}'s judgments into {@code directory} (which exists), one at a time; returns the file.
     * Judgments a run already wrote to that very file ({@link JudgmentsOnDisk}) are left as they are.
     */
    public static Path write(PairwiseResult result, Path directory) throws IOException {
        Path file = directory.resolve(PairwiseResult.JUDGMENTS_FILE);
        if (result.judgments() instanceof JudgmentsOnDisk disk && Files.exists(file) && Files.isSameFile(disk.file(), file)) {
            return file;
        }
        try (JudgmentsWriter writer = writer(file, result)) {
            for (Judgment judgment : result.judgments()) {
                writer.write(judgment);
            }
            writer.finish();
        }
        return file;
    }

    /** A writer of {@code file} with the human preference column and side names of {@code result}. */
    public static JudgmentsWriter writer(Path file, PairwiseResult result) throws IOException {
        return writer(file, result.humanPreferenceColumn(), new SideNames(result.modelA(), result.modelB()));
    }

    /**
     * A writer of {@code file}, one line per judgment as it comes ({@link JudgmentsWriter}).
     *
     * @param humanPreferenceColumn the column written on every line, or {@code null} when there is none
     * @param sides the names written as {@code model_a} and {@code model_b}, when known
     */
    public static JudgmentsWriter writer(Path file, String humanPreferenceColumn, SideNames sides) throws IOException {
        return JudgmentsWriter.open(file, humanPreferenceColumn, sides);
    }

    /**
     * Reads a judgments file back.
     *
     * @param humanPreferenceColumn the key holding human preferences, or {@code null} when there is none
     * @throws ConfigurationException when the file is missing, a line is not a judgment, or the human
     *     preference column is in no line
     */
    public static ReadJudgments read(Path file, String humanPreferenceColumn) {
        return JudgmentsReader.read(file, humanPreferenceColumn);
    }

    /** Writes {@code judgment} as one line, its line end included (the one codec of the file's lines). */
    static void writeLine(JsonGenerator generator, Judgment judgment, String humanPreferenceColumn,
                                  SideNames sides) throws IOException {
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
        JsonWriting.writeNumberField(generator, "confidence", judgment.confidence());
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
        if (sides.modelA() != null) {
            generator.writeStringField(MODEL_A, sides.modelA());
        }
        if (sides.modelB() != null) {
            generator.writeStringField(MODEL_B, sides.modelB());
        }
        generator.writeEndObject();
    }
}
