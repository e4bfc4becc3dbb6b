package dev.evalunit.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.Vote;
import dev.evalunit.config.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an existing judgments file (the contract of docs/file-formats.md) back into {@link Judgment}s, so that the
 * metrics can be computed without calling any model. Blank lines are skipped. Missing text fields
 * read as {@code null} and a missing {@code samples} as none, so that files written by other tools
 * can be read; but every line needs a readable {@code choice}, which every figure depends on.
 */
final class JudgmentsReader {

    /** The fields the judgments file defines; any other key of the first line is an id column. */
    static final Set<String> CONTRACT_FIELDS = Set.of("inference_instruction", "inference_context", "response_a",
            "response_b", "choice", "confidence", "explanation", "samples", JudgmentsFile.MODEL_A,
            JudgmentsFile.MODEL_B);

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JudgmentsReader() {
    }

    /**
     * @param humanPreferenceColumn the key holding human preferences, or {@code null} when there is none
     * @throws ConfigurationException when the file is missing, a line is not a judgment, or the human
     *     preference column is in no line
     */
    static ReadJudgments read(Path file, String humanPreferenceColumn) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("judgments file [" + file + "] was not found.");
        }
        // One pass, keeping each judgment line's offset, not the judgment: the list returned reads them again.
        // A line that is not JSON stops the reading; a line that is not a judgment is reported after the pass,
        // once it is known whether the human preference column is in some line (that message comes first).
        Pass pass = new Pass(humanPreferenceColumn);
        try {
            pass.end(LineScan.scan(file, (number, start, text) -> {
                if (!text.isBlank()) {
                    pass.add(file, number, start, parse(file, number, text));
                }
            }));
        } catch (CharacterCodingException e) {
            throw new ConfigurationException("judgments file [" + file + "] is not UTF-8 text. Save it as UTF-8.");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read judgments file [" + file + "]", e);
        }
        if (humanPreferenceColumn != null && pass.starts.count() > 0 && !pass.anyHuman) {
            throw new ConfigurationException("human preference column [" + humanPreferenceColumn
                    + "] is in no line of judgments file [" + file + "]. Columns: "
                    + String.join(", ", pass.keys) + ".");
        }
        if (pass.firstError != null) {
            throw pass.firstError;
        }
        return new ReadJudgments(new JudgmentsOnDisk(pass.starts.lines(file, pass.end, JudgmentsOnDisk.KIND),
                pass.idColumns, humanPreferenceColumn), pass.idColumns, pass.sides);
    }

    /** What one pass over a judgments file keeps: offsets, side names (shared when equal), and the first error. */
    private static final class Pass {
        private final String humanPreferenceColumn;
        private final Set<String> keys = new LinkedHashSet<>();
        private final List<SideNames> sides = new ArrayList<>();
        private List<String> idColumns = List.of();
        private final LineStarts starts = new LineStarts();
        private long end;
        private boolean anyHuman;
        private ConfigurationException firstError;

        Pass(String humanPreferenceColumn) {
            this.humanPreferenceColumn = humanPreferenceColumn;
        }

        void add(Path file, int number, long start, JsonNode node) {
            if (starts.count() == 0) {
                idColumns = idColumns(node, humanPreferenceColumn);
            }
            node.fieldNames().forEachRemaining(keys::add);
            anyHuman |= humanPreferenceColumn != null && node.has(humanPreferenceColumn);
            if (firstError == null) {
                try {
                    judgment(node, idColumns, humanPreferenceColumn);
                    SideNames named = new SideNames(name(node, JudgmentsFile.MODEL_A), name(node, JudgmentsFile.MODEL_B));
                    sides.add(!sides.isEmpty() && sides.get(sides.size() - 1).equals(named) ? sides.get(sides.size() - 1) : named);
                } catch (NotAJudgment e) {
                    firstError = notAJudgment(file, number, e.getMessage());
                }
            }
            starts.add(start);
        }

        /** @param end the file's length: where the last judgment's bytes end (blank lines after it read as space) */
        void end(long end) {
            this.end = end;
        }
    }

    /**
     * Line {@code number} of {@code file}, read back as a judgment with {@code idColumns} as its ids (the reading
     * of {@link JudgmentsOnDisk}).
     *
     * @throws ConfigurationException when the line is not a judgment
     */
    static Judgment judgment(Path file, int number, String text, List<String> idColumns, String humanPreferenceColumn) {
        try {
            return judgment(parse(file, number, text), idColumns, humanPreferenceColumn);
        } catch (NotAJudgment e) {
            throw notAJudgment(file, number, e.getMessage());
        }
    }

    private static JsonNode parse(Path file, int number, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (MismatchedInputException e) {
            throw notAJudgment(file, number, "it holds more than one JSON value");
        } catch (JsonProcessingException e) {
            throw notAJudgment(file, number, "it is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!node.isObject()) {
            throw notAJudgment(file, number, "it is not a JSON object");
        }
        return node;
    }

    private static List<String> idColumns(JsonNode first, String humanPreferenceColumn) {
        List<String> columns = new ArrayList<>();
        first.fieldNames().forEachRemaining(key -> {
            if (!CONTRACT_FIELDS.contains(key) && !key.equals(humanPreferenceColumn)) {
                columns.add(key);
            }
        });
        return columns;
    }

    private static Judgment judgment(JsonNode line, List<String> idColumns, String humanPreferenceColumn) {
        Map<String, Object> ids = new LinkedHashMap<>();
        for (String column : idColumns) {
            ids.put(column, scalar(line.get(column)));
        }
        Choice choice = choice(line.get("choice"));
        Double confidence = confidence(line.get("confidence"), choice);
        String human = humanPreferenceColumn == null ? null : text(line.get(humanPreferenceColumn));
        return new Judgment(ids, text(line.get("inference_instruction")), text(line.get("inference_context")),
                text(line.get("response_a")), text(line.get("response_b")), choice, confidence,
                text(line.get("explanation")), samples(line.get("samples")), human);
    }

    /** An optional side name: text, or {@code null} when missing. */
    private static String name(JsonNode line, String field) {
        JsonNode node = line.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new NotAJudgment("field [" + field + "] is [" + node + "], not a model name");
        }
        return node.textValue();
    }

    private static Choice choice(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new NotAJudgment("field [choice] is missing");
        }
        String label = text(node);
        return Choice.fromLabel(label).orElseThrow(() -> new NotAJudgment(
                "choice [" + label + "] is not one of Model A, Model B, Tie, Error"));
    }

    private static Double confidence(JsonNode node, Choice choice) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new NotAJudgment("confidence [" + node + "] is not a number");
        }
        double value = node.doubleValue();
        if (value < 0 || value > 1) {
            throw new NotAJudgment("confidence [" + node + "] is not between 0 and 1");
        }
        if (choice == Choice.ERROR) {
            throw new NotAJudgment("an Error judgment has confidence [" + node + "], which must be null");
        }
        return value;
    }

    private static List<AutoraterSample> samples(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new NotAJudgment("samples [" + node + "] is not an array");
        }
        List<AutoraterSample> samples = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            samples.add(sample(node.get(i), "samples[" + i + "]"));
        }
        return samples;
    }

    private static AutoraterSample sample(JsonNode sample, String name) {
        if (!sample.isObject()) {
            throw new NotAJudgment(name + " [" + sample + "] is not a JSON object");
        }
        String position = text(sample.get("position"));
        String vote = text(sample.get("choice"));
        return new AutoraterSample(
                parsePosition(position).orElseThrow(() -> new NotAJudgment(
                        name + ".position [" + position + "] is not AB or BA")),
                Vote.fromName(vote).orElseThrow(() -> new NotAJudgment(
                        name + ".choice [" + vote + "] is not one of A, B, TIE, ERROR")),
                text(sample.get("explanation")));
    }

    private static Optional<Position> parsePosition(String name) {
        return Arrays.stream(Position.values()).filter(p -> p.name().equals(name)).findFirst();
    }

    /** A cell as its JSON type (String, Number, Boolean or null); nested JSON as its text. */
    private static Object scalar(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.toString();
    }

    /** Text as given; a number or boolean (e.g. a human preference written as 1) as its JSON text. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static ConfigurationException notAJudgment(Path file, int number, String reason) {
        return new ConfigurationException("judgments file [" + file + "] line " + number + " is not a judgment: "
                + reason + ".");
    }

    /** A reason why one line is not a judgment; the caller adds the file and line number. */
    private static final class NotAJudgment extends RuntimeException {
        NotAJudgment(String reason) {
            super(reason, null, false, false);
        }
    }
}
