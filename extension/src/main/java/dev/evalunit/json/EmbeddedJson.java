package dev.evalunit.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Finds the JSON object in a judge's reply. Judges without structured output wrap it in code
 * fences or prose; the autorater and the judge metrics read replies the same way.
 */
@API(status = INTERNAL, since = "0.1")
public final class EmbeddedJson {

    // Lenient only where models commonly slip: raw line breaks inside strings, a trailing comma.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    /**
     * What a search found.
     *
     * @param object the first object that has the field, if any
     * @param unclosed whether some {@code {} was never closed (a truncated reply)
     */
    public record Search(Optional<JsonNode> object, boolean unclosed) {
    }

    private EmbeddedJson() {
    }

    /** The first JSON object in {@code text} that has {@code field}, scanning past prose and other objects. */
    public static Search find(String text, String field) {
        boolean unclosed = false;
        int from = text.indexOf('{');
        while (from >= 0) {
            int end = closingBrace(text, from);
            if (end < 0) {
                unclosed = true;
                from = text.indexOf('{', from + 1);
                continue;
            }
            Optional<JsonNode> object = readObject(text.substring(from, end + 1));
            if (object.isPresent() && object.get().has(field)) {
                return new Search(object, unclosed);
            }
            // A parsed object without the field is skipped whole; one that did not parse may still
            // contain a valid object further in.
            from = text.indexOf('{', object.isPresent() ? end + 1 : from + 1);
        }
        return new Search(Optional.empty(), unclosed);
    }

    /** The object {@code candidate} holds, built as {@code readTree} builds it, but streamed (see {@link JsonTrees}). */
    private static Optional<JsonNode> readObject(String candidate) {
        try (JsonParser parser = JSON.createParser(candidate)) {
            return parser.nextToken() == JsonToken.START_OBJECT ? Optional.of(JsonTrees.read(parser)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The index of the brace that closes the one at {@code open}, skipping braces inside strings; -1 if none. */
    private static int closingBrace(String text, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
