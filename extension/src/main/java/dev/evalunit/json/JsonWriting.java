package dev.evalunit.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * JSON writing for the contract files ({@code dev.evalunit.files}), on jackson-core's streaming
 * generator: no data-binding layer. Output is UTF-8 text with {@code \n} line ends on every platform,
 * so that files compare byte for byte across CI runners. {@link JsonReading} reads what this writes.
 */
@API(status = INTERNAL, since = "0.1")
public final class JsonWriting {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private JsonWriting() {
    }

    /** A compact generator on {@code writer}; closing it flushes but leaves {@code writer} open. */
    public static JsonGenerator compactGenerator(Writer writer) throws IOException {
        return FACTORY.createGenerator(writer);
    }

    /** {@code value} (see {@link #writeValue}) as pretty-printed JSON text, without a final line end. */
    public static String prettyText(Object value) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (JsonGenerator generator = prettyGenerator(text)) {
            writeValue(generator, value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /** A pretty-printing generator ({@code "key": value}, two-space indent, {@code \n} line ends). */
    public static JsonGenerator prettyGenerator(Writer writer) throws IOException {
        DefaultIndenter indenter = DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        return FACTORY.createGenerator(writer).setPrettyPrinter(printer);
    }

    /**
     * Writes a plain Java value as its JSON type: {@code null}, strings, numbers (a non-finite
     * double becomes {@code null}, as JSON has no NaN), booleans, maps (keys as text), collections;
     * anything else as its {@code toString()}.
     */
    public static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Number number) {
            writeNumber(generator, number);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Collection<?> items) {
            generator.writeStartArray();
            for (Object item : items) {
                writeValue(generator, item);
            }
            generator.writeEndArray();
        } else {
            generator.writeString(value.toString());
        }
    }

    /** Writes a field holding a number, or {@code null} for a missing or non-finite one. */
    public static void writeNumberField(JsonGenerator generator, String name, Number number) throws IOException {
        generator.writeFieldName(name);
        writeNumber(generator, number);
    }

    /** Writes a number, or {@code null} for a missing or non-finite one. */
    public static void writeNumber(JsonGenerator generator, Number number) throws IOException {
        if (number == null) {
            generator.writeNull();
        } else if (number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof Byte) {
            generator.writeNumber(number.longValue());
        } else if (number instanceof BigInteger big) {
            generator.writeNumber(big);
        } else if (number instanceof BigDecimal decimal) {
            generator.writeNumber(decimal);
        } else if (Double.isFinite(number.doubleValue())) {
            generator.writeNumber(number.doubleValue());
        } else {
            generator.writeNull();
        }
    }
}
