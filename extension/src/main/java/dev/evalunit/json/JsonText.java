package dev.evalunit.json;

/**
 * JSON strings written straight into a {@link StringBuilder}, escaped exactly as Jackson's generator
 * escapes them by default: {@code "} and {@code \}, the short forms {@code \b \t \n \f \r}, other
 * control characters as a backslash, {@code u00} and two upper-case hex digits; everything else as is. For the per-call paths (request
 * bodies, cache keys and entries), where building a tree only to print it showed in profiles, and
 * where Jackson's own {@code JsonStringEncoder} appends one character at a time.
 */
public final class JsonText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {
    }

    /** Appends {@code value} as a JSON string, quotes included, or {@code null}. */
    public static StringBuilder appendString(StringBuilder out, CharSequence value) {
        if (value == null) {
            return out.append("null");
        }
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
