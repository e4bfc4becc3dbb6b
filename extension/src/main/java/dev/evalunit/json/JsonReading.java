package dev.evalunit.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Reads JSON into plain Java values, the inverse of {@link JsonWriting#writeValue}: objects as
 * {@link LinkedHashMap}s in file order, arrays as {@link ArrayList}s, strings, booleans, {@code null},
 * and numbers in the form that writes them back as the same text: whole numbers as {@link Integer},
 * {@link Long} or {@link java.math.BigInteger} by size; other numbers as {@link Double} when the double
 * prints as the text read (what {@code JsonWriting} writes for a double), else as {@link BigDecimal}
 * (e.g. {@code 0.20}, written from a decimal). Streamed with jackson-core: no data-binding layer.
 */
@API(status = INTERNAL, since = "0.1")
public final class JsonReading {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonReading() {
    }

    /**
     * The one JSON value {@code reader} holds.
     *
     * @throws IOException when it is not JSON, is empty, or holds more than one value
     */
    public static Object read(Reader reader) throws IOException {
        try (JsonParser parser = FACTORY.createParser(reader)) {
            if (parser.nextToken() == null) {
                throw new IOException("it holds no JSON value");
            }
            Object value = value(parser);
            if (parser.nextToken() != null) {
                throw new IOException("it holds more than one JSON value");
            }
            return value;
        }
    }

    /** The value at the parser's current token; the parser ends on that value's last token. */
    public static Object value(JsonParser parser) throws IOException {
        JsonToken token = JsonTrees.currentToken(parser);
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> decimal(parser.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + token);
        };
    }

    private static Number decimal(String text) {
        double value = Double.parseDouble(text);
        return Double.toString(value).equals(text) ? (Number) value : new BigDecimal(text);
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.put(name, value(parser));
        }
        return object;
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(parser));
        }
        return array;
    }
}
