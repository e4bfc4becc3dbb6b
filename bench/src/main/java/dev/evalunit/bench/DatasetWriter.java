package dev.evalunit.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark's dataset: {@code examples} rows of {@code id}, {@code question},
 * {@code context} and a pre-generated {@code answer_b}. Rows differ from each other (so that every
 * request is distinct, as in a real evaluation) and are about the length of a short retrieval
 * question-answering example: a context of about 90 words.
 */
final class DatasetWriter {

    private static final String[] TOPICS = {"the harbour bridge", "the river delta", "the northern railway",
            "the city library", "the old observatory", "the mountain tunnel", "the coastal wind farm", "the canal locks"};

    static void write(Path file, int examples) throws IOException {
        // One generator per line; it must not close the file when it is done with its line.
        JsonFactory factory = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= examples; i++) {
                String topic = TOPICS[i % TOPICS.length];
                int year = 1850 + i % 170;
                int length = 200 + i % 900;
                JsonGenerator json = factory.createGenerator(out);
                json.writeStartObject();
                json.writeStringField("id", String.format("q%06d", i));
                json.writeStringField("question", "When was " + topic + " number " + i + " completed, and how long is it?");
                json.writeStringField("context", "Record " + i + ". Construction of " + topic + " number " + i
                        + " began after years of debate in the regional council, which had weighed its cost against"
                        + " the trade it would bring. It was completed in " + year + " and is " + length
                        + " metres long. Engineers from three countries worked on it, and the design was revised twice"
                        + " after floods damaged the early foundations. Today it is maintained by the regional"
                        + " authority, which publishes an inspection report every five years and keeps the original"
                        + " drawings in its archive.");
                json.writeStringField("answer_b", "It was completed in " + year + ".");
                json.writeEndObject();
                json.close();
                out.write('\n');
            }
        }
    }

    private DatasetWriter() {
    }
}
