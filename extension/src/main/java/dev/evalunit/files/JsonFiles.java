package dev.evalunit.files;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.json.JsonReading;
import dev.evalunit.json.JsonWriting;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The two file shapes of the contract files, written and read: one pretty-printed JSON value per
 * file (ending with a line end), and JSON Lines (one compact object per line, each ending with
 * {@code \n}). UTF-8 throughout.
 */
final class JsonFiles {

    /** Writes one JSON value with a generator. */
    @FunctionalInterface
    interface Content {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    /** Writes one item: a JSON Lines object, or the fields of an object. */
    @FunctionalInterface
    interface LineContent<T> {
        void writeTo(JsonGenerator generator, T item) throws IOException;
    }

    private JsonFiles() {
    }

    /** Writes {@code directory/name} as one pretty-printed JSON value; returns the file. */
    static Path writePretty(Path directory, String name, Content content) throws IOException {
        Path file = directory.resolve(name);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            try (JsonGenerator generator = JsonWriting.prettyGenerator(writer)) {
                content.writeTo(generator);
            }
            writer.write('\n');
        }
        return file;
    }

    /**
     * Writes one field per name, in the names' order: the name's value as an object written by
     * {@code content}, or {@code null} when {@code values} has none (so that every name has its key).
     */
    static <T> void writeByName(JsonGenerator generator, List<String> names, Map<String, T> values,
                                LineContent<T> content) throws IOException {
        for (String name : names) {
            generator.writeFieldName(name);
            T value = values.get(name);
            if (value == null) {
                generator.writeNull();
            } else {
                generator.writeStartObject();
                content.writeTo(generator, value);
                generator.writeEndObject();
            }
        }
    }

    /**
     * The JSON object a file holds.
     *
     * @param kind e.g. {@code metrics file}, for the message
     * @throws ConfigurationException when the file is missing, not UTF-8 or does not hold one JSON object
     */
    static Fields readObject(Path file, String kind) {
        String where = kind + " [" + file + "]";
        return parse(readText(file, where), where);
    }

    /** One JSON object's text, read: {@code where} names it in messages. */
    static Fields parse(String text, String where) {
        try {
            return Fields.of(JsonReading.read(new StringReader(text)), where);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(where + " is not valid JSON (" + e.getOriginalMessage()
                    + "). Use a file evalunit wrote, or fix the JSON.");
        } catch (IOException e) {
            throw new ConfigurationException(where + " is not one JSON object: " + e.getMessage()
                    + ". Use a file evalunit wrote, or fix the JSON.");
        }
    }

    private static String readText(Path file, String where) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(where + " was not found. Name a file evalunit wrote.");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(where + " is not UTF-8 text. Save it as UTF-8.");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + where, e);
        }
    }
}
