package dev.evalunit.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * JSON strings written straight into a {@link StringBuilder}, escaped exactly as Jackson's generator
 * escapes them by default: {@code "} and {@code \}, the short forms {@code \b \t \n \f \r}, other
 * control characters as a backslash, {@code u00} and two upper-case hex digits; everything else as is. For the per-call paths (request
 * bodies, cache keys and entries), where building a tree only to print it showed in profiles, and
 * where Jackson's own {@code JsonStringEncoder} appends one character at a time.
 */
@API(status = INTERNAL, since = "0.1")
public final class JsonText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {
    }

    /** Appends {@code value} as a JSON string, quotes included, or {@code null}. */
    public static StringBuilder appendString(StringBuilder out, CharSequence value) {
        if (value == null) {
            return out.append("null");
        }
        return appendString(out, value.toString());
    }

    /**
     * The loop over a {@code String}: {@code String.charAt} is a call the compilers inline, where
     * {@code CharSequence.charAt} is an interface call per character that the client compiler does not (escaping
     * was a tenth of the threads' own work per call in a CPU profile of the benchmark).
     */
    private static StringBuilder appendString(StringBuilder out, String value) {
        out.append('"');
        int length = value.length();
        int plainFrom = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                out.append(value, plainFrom, i);
                escape(out, c);
                plainFrom = i + 1;
            }
        }
        return out.append(value, plainFrom, length).append('"');
    }

    /**
     * Appends a JSON-like value (maps with string keys, lists, strings, whole numbers, finite doubles
     * and floats, booleans, null) as Jackson's ObjectMapper writes it, map keys sorted when asked.
     * Configuration values are such values; writing them here keeps Jackson's serializers (a tenth of
     * a second to set up) out of a run's start.
     *
     * @return {@code false}, having appended an unspecified part, when some value is of another type
     *     (a decimal, a non-finite number, an object): the caller then asks Jackson
     */
    public static boolean appendValue(StringBuilder out, Object value, boolean sortKeys) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence text) {
            appendString(out, text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof java.math.BigInteger) {
            out.append(value);
        } else if (value instanceof Double d && Double.isFinite(d) || value instanceof Float f && Float.isFinite(f)) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            return appendMap(out, map, sortKeys);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (!appendValue(out, list.get(i), sortKeys)) {
                    return false;
                }
            }
            out.append(']');
        } else {
            return false;
        }
        return true;
    }

    private static boolean appendMap(StringBuilder out, Map<?, ?> map, boolean sortKeys) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String name)) {
                return false;
            }
            keys.add(name);
        }
        if (sortKeys) {
            keys.sort(null);
        }
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, keys.get(i)).append(':');
            if (!appendValue(out, map.get(keys.get(i)), sortKeys)) {
                return false;
            }
        }
        out.append('}');
        return true;
    }

    /** {@code value} as a JSON string, quotes included, or {@code null}. */
    public static String string(CharSequence value) {
        return value == null ? "null" : appendString(new StringBuilder(value.length() + 16), value).toString();
    }

    private static void escape(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\b' -> out.append("\\b");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\f' -> out.append("\\f");
            case '\r' -> out.append("\\r");
            default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
        }
    }
}
