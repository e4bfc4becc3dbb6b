package dev.evalunit.dataset;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.evalunit.api.spi.DatasetRecord;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.json.JsonTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * JSON Lines ({@code .jsonl}, {@code .ndjson}): one JSON object per line, blank lines skipped; and, as
 * the seeds show datasets, pretty-printed JSON objects one after another, or one JSON array of objects.
 * The line-by-line reading comes first (the fast path); a file whose first line opens a value it does not
 * close, or is an array, is read as a stream of values ({@link PrettyJsonRecords}), each example located
 * by the line it starts on and each mistake by line and column. Cells
 * keep their JSON type; nested objects and arrays become their JSON text, since a prompt can only
 * show them as text anyway. Registered in the engine's services file.
 */
@API(status = INTERNAL, since = "0.1")
public final class JsonLinesSource extends FileDatasetSource {

    // A parser factory, not an ObjectMapper: building a mapper loads some 360 classes (a tenth of a
    // second before an evaluation's first call), and JsonTrees builds the rows' trees without one.
    private static final JsonFactory JSON = JsonFactory.builder()
            // Two cells with one name would silently lose one of them.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public JsonLinesSource() {
        super("JSON Lines", ".jsonl", ".ndjson");
    }

    /** A file on disk is read once through and its rows read again when asked for: {@link JsonLinesFile}. */
    @Override
    List<DatasetRecord> onDemand(String reference, Path file, Consumer<DatasetRecord> eachRecord) throws IOException {
        return JsonLinesFile.index(reference, file, eachRecord);
    }

    @Override
    List<DatasetRecord> parse(String location, BufferedReader text) throws IOException {
        List<DatasetRecord> records = new ArrayList<>();
        // Line by line: the file is never held whole, only its rows (a pretty-printed file is read whole).
        int number = 0;
        for (String line = text.readLine(); line != null; line = text.readLine()) {
            number++;
            if (!line.isBlank()) {
                if (records.isEmpty() && isPrettyPrinted(line)) {
                    // Blank lines before keep their place, so that positions in errors stay right.
                    String whole = "\n".repeat(number - 1) + line + "\n" + text.lines().collect(java.util.stream.Collectors.joining("\n"));
                    return PrettyJsonRecords.parse(JSON, location, whole);
                }
                records.add(new DatasetRecord(lineLocation(number), parseObject(location, number, line)));
            }
        }
        return records;
    }

    /**
     * Whether the file is not JSON Lines but pretty-printed: its first line opens a value it does not close
     * (an object over several lines), or is an array (of objects). Any other mistake on the line is
     * reported as that line's.
     */
    static boolean isPrettyPrinted(String firstLine) {
        try (JsonParser parser = JSON.createParser(firstLine)) {
            boolean array = parser.nextToken() == com.fasterxml.jackson.core.JsonToken.START_ARRAY;
            parser.skipChildren();
            return array;
        } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A JSON object's fields as cells, as {@link #cellOf} makes them. */
    static Map<String, Object> cells(JsonNode node) {
        Map<String, Object> values = new LinkedHashMap<>();
        node.properties().forEach(field -> values.put(field.getKey(), cellOf(field.getValue())));
        return values;
    }

    static Map<String, Object> parseObject(String location, int lineNumber, String line) {
        return parseObject(location, lineNumber, line.toCharArray(), line.length());
    }

    /**
     * The first {@code length} characters of {@code line} as one JSON object's cells, read from the parser's tokens
     * (no tree): the same cells, and the same mistakes, as reading a tree and then its fields.
     */
    static Map<String, Object> parseObject(String location, int lineNumber, char[] line, int length) {
        try (JsonParser parser = JSON.createParser(line, 0, length)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                JsonNode node = first == null ? null : JsonTrees.read(parser);
                if (node != null && parser.nextToken() != null) {
                    throw notAnObject(location, lineNumber, "it holds more than one JSON value");
                }
                throw notAnObject(location, lineNumber, "found " + describe(node));
            }
            Map<String, Object> cells = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                cells.put(name, cellOf(parser, parser.nextToken()));
            }
            if (parser.nextToken() != null) {
                throw notAnObject(location, lineNumber, "it holds more than one JSON value");
            }
            return cells;
        } catch (JsonProcessingException e) {
            throw notAnObject(location, lineNumber, shortReason(e));
        } catch (IOException e) {
            throw notAnObject(location, lineNumber, e.getMessage());
        }
    }

    /** The cell of the value at {@code token}, as {@link #cellOf(JsonNode)} makes it of that value's node. */
    private static Object cellOf(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> parser.getIntValue();
                case LONG -> parser.getLongValue();
                default -> parser.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> JsonTrees.read(parser).toString();
        };
    }

    private static Object cellOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> node.textValue();
            case NUMBER -> node.numberValue();
            case BOOLEAN -> node.booleanValue();
            case NULL, MISSING -> null;
            default -> node.toString();
        };
    }

    static String describe(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        JsonNodeType type = node.getNodeType();
        return switch (type) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> type.name().toLowerCase();
        };
    }

    /** Jackson's reason without the source excerpt and location it appends. */
    static String shortReason(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        int newline = reason.indexOf('\n');
        if (newline >= 0) {
            reason = reason.substring(0, newline);
        }
        int marker = reason.indexOf(" (start marker at");
        if (marker >= 0) {
            reason = reason.substring(0, marker);
        }
        reason = reason.strip();
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }

    private static ConfigurationException notAnObject(String location, int lineNumber, String reason) {
        return new ConfigurationException("dataset [" + location + "] line " + lineNumber
                + " is not a JSON object: " + reason + ". Fix that line.");
    }
}
