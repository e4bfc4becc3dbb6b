package dev.evalunit.report;

/**
 * The one escape of the HTML report. Every text that did not come from the report's own code (a
 * name, an id, an instruction, a response, an explanation, a human label) goes through
 * {@link #escape} before it reaches the page, in element content and in quoted attribute values
 * alike, so that markup in it ({@code <script>}, {@code onerror=}, {@code javascript:} links) shows
 * as text and runs nothing.
 */
final class Html {

    private Html() {
    }

    /** The text with {@code & < > " '} as character references; {@code null} as the empty text. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
