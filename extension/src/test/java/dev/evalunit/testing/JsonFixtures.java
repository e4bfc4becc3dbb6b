package dev.evalunit.testing;

import dev.evalunit.json.JsonSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON-like values the request-body and cache-key tests share: ordered maps and two schemas. */
public final class JsonFixtures {

    /** The autorater's kind of schema: explanation first, then the choice. */
    public static final Map<String, Object> VERDICT_SCHEMA = JsonSchemas.strictObject(ordered(
            "explanation", Map.of("type", "string"),
            "choice", Map.of("type", "string", "enum", List.of("A", "B", "TIE"))));
    /** A judge metric's kind of schema: one bounded integer. */
    public static final Map<String, Object> SCORE_SCHEMA = ordered("type", "object",
            "properties", ordered("score", ordered("type", "integer", "minimum", 1, "maximum", 5)),
            "required", List.of("score"));

    private JsonFixtures() {
    }

    /** A map in the order given, null values allowed. */
    @SuppressWarnings("unchecked")
    public static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
