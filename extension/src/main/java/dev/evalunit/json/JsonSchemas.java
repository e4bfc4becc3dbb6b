package dev.evalunit.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/** JSON schemas for the structured replies evalunit asks judges for. */
@API(status = INTERNAL, since = "0.1")
public final class JsonSchemas {

    private JsonSchemas() {
    }

    /**
     * An object with exactly these properties, all required, nothing else (what strict structured
     * output accepts). Properties keep their order: models that generate in schema order write the
     * first one first, so put the reasoning before the verdict.
     */
    public static Map<String, Object> strictObject(Map<String, Map<String, Object>> properties) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        properties.forEach((name, schema) -> ordered.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(schema))));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Collections.unmodifiableMap(ordered));
        schema.put("required", List.copyOf(properties.keySet()));
        schema.put("additionalProperties", false);
        return Collections.unmodifiableMap(schema);
    }
}
