package dev.evalunit.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The JSON text of a JSON-like Java value (maps with string keys, lists, strings, numbers, booleans,
 * {@code null}), as Jackson's ObjectMapper writes it: compact in declaration order, or canonical (keys
 * sorted at every depth) for hashing. Written with {@link JsonText#appendValue}; Jackson only for the
 * types it leaves out (decimals, non-finite numbers, other objects).
 */
@API(status = INTERNAL, since = "0.1")
public final class JsonValueText {

    /** Made when first needed: an ObjectMapper costs a tenth of a second of class loading at a run's start. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private JsonValueText() {
    }

    /** Compact JSON, keys in declaration order. */
    public static String compact(Object value) {
        return write(value, false);
    }

    /**
     * Compact JSON with the keys of every object sorted, so equal values give equal text whatever order
     * their keys were declared in.
     */
    public static String canonical(Object value) {
        return write(value, true);
    }

    private static String write(Object value, boolean sortKeys) {
        StringBuilder out = new StringBuilder(64);
        if (JsonText.appendValue(out, value, sortKeys)) {
            return out.toString();
        }
        try {
            return Mapper.JSON.writeValueAsString(sortKeys ? sorted(value) : value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), sorted(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return value;
    }
}
