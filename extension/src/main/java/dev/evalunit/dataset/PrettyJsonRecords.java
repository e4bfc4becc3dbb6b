package dev.evalunit.dataset;

import static dev.evalunit.dataset.FileDatasetSource.lineLocation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evalunit.api.spi.DatasetRecord;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples of a dataset written as the seeds show them: JSON objects one after another, each over
 * as many lines as it likes, or one JSON array of objects. Each example is located by the line it
 * starts on; each mistake by line and column.
 */
final class PrettyJsonRecords {

    private PrettyJsonRecords() {
    }

    static List<DatasetRecord> parse(JsonFactory json, String location, String text) {
        List<DatasetRecord> records = new ArrayList<>();
        try (JsonParser parser = json.createParser(text)) {
            JsonToken first = parser.nextToken();
            boolean array = first == JsonToken.START_ARRAY;
            JsonToken token = array ? parser.nextToken() : first;
            while (token != null && token != JsonToken.END_ARRAY) {
                JsonLocation start = parser.currentTokenLocation();
                JsonNode node = JsonTrees.read(parser);
                if (!node.isObject()) {
                    throw notAnObject(location, start, "found " + JsonLinesSource.describe(node));
                }
                records.add(new DatasetRecord(lineLocation(start.getLineNr()), JsonLinesSource.cells(node)));
                token = parser.nextToken();
            }
            if (array && parser.nextToken() != null) {
                throw notAnObject(location, parser.currentTokenLocation(), "the array is followed by more JSON");
            }
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("dataset [" + location + "] is not valid JSON at " + position(e.getLocation())
                    + ": " + JsonLinesSource.shortReason(e) + ". Fix it there: the file holds JSON Lines, JSON objects"
                    + " one after another, or one JSON array of objects.");
        } catch (IOException e) {
            throw new ConfigurationException("dataset [" + location + "] could not be read: " + e.getMessage()
                    + ". Check that it is readable.");
        }
        return records;
    }

    /** {@code line:column}, both from 1. */
    private static String position(JsonLocation at) {
        return at == null ? "an unknown position" : "line " + at.getLineNr() + ":" + at.getColumnNr();
    }

    private static ConfigurationException notAnObject(String location, JsonLocation at, String reason) {
        return new ConfigurationException("dataset [" + location + "] at " + position(at) + " is not a JSON object: "
                + reason + ". Give each example as a JSON object.");
    }
}
