package dev.evalunit.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evalunit.json.JsonTrees;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.evalunit.config.ConfigurationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON Lines: one JSON object per line, blank lines skipped. Cells keep their JSON type; nested
 * objects and arrays become their JSON text, since a prompt can only show them as text anyway.
 */
final class JsonLinesReader {

    // A parser factory, not an ObjectMapper: building a mapper loads some 360 classes (a tenth of a
    // second before an evaluation's first call), and JsonTrees builds the rows' trees without one.
    private static final JsonFactory JSON = JsonFactory.builder()
            // Two cells with one name would silently lose one of them.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonLinesReader() {}

    static Dataset read(String location, String text) {
        Set<String> columns = new LinkedHashSet<>();
        List<DatasetRow> parsed = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Map<String, Object> values = parseObject(location, i + 1, lines[i]);
            columns.addAll(values.keySet());
            parsed.add(new DatasetRow(i + 1, values, parsed.size() + 1));
        }
        List<String> columnOrder = List.copyOf(columns);
        List<DatasetRow> rows = new ArrayList<>(parsed.size());
        for (DatasetRow row : parsed) {
            rows.add(inColumnOrder(row, columnOrder));
        }
        return new Dataset(location, columnOrder, rows);
    }

    /** Rows may list their keys in any order; every row follows the dataset's column order. */
    private static DatasetRow inColumnOrder(DatasetRow row, List<String> columns) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String column : columns) {
            if (row.has(column)) {
                ordered.put(column, row.get(column));
            }
        }
        return new DatasetRow(row.lineNumber(), ordered, row.rowNumber());
    }

    private static Map<String, Object> parseObject(String location, int lineNumber, String line) {
        JsonNode node;
        try (JsonParser parser = JSON.createParser(line)) {
            // Built by JsonTrees rather than readTree: the same tree, without warming up the general
            // deserializer while the run has not made its first call yet.
            node = parser.nextToken() == null ? null : JsonTrees.read(parser);
            if (node != null && parser.nextToken() != null) {
                throw notAnObject(location, lineNumber, "it holds more than one JSON value");
            }
        } catch (JsonProcessingException e) {
            throw notAnObject(location, lineNumber, shortReason(e));
        } catch (IOException e) {
            throw notAnObject(location, lineNumber, e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw notAnObject(location, lineNumber, "found " + describe(node));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        node.properties().forEach(field -> values.put(field.getKey(), cellOf(field.getValue())));
        return values;
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

    private static String describe(JsonNode node) {
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
    private static String shortReason(JsonProcessingException e) {
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
