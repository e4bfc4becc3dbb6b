package dev.evalunit.report.experiment;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalunit.report.JsonWriting;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** One pretty-printed JSON value per file, UTF-8, ending with a line end like the metrics file. */
final class PrettyJsonFile {

    @FunctionalInterface
    interface Content {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    private PrettyJsonFile() {
    }

    static void write(Path file, Content content) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            try (JsonGenerator generator = JsonWriting.prettyGenerator(writer)) {
                content.writeTo(generator);
            }
            writer.write('\n');
        }
    }
}
