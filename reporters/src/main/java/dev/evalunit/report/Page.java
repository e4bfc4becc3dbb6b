package dev.evalunit.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The frame both HTML pages share: doctype, viewport, escaped title and heading, the inline style
 * ({@code report.css}) and, at the end, the page's own inline script if it has one.
 */
final class Page {

    private static final String STYLE = resource("report.css");

    private Page() {
    }

    /** The page up to and including its {@code h1}; {@code title} is escaped. */
    static StringBuilder start(String title, int capacity) {
        return new StringBuilder(capacity).append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>").append(Html.escape(title)).append("</h1>\n");
    }

    /** The finished page: {@code script} (the report's own code, never data) inline, or none when {@code null}. */
    static String end(StringBuilder html, String script) {
        if (script != null) {
            html.append("<script>\n").append(script).append("</script>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /** A text resource beside this class. */
    static String resource(String name) {
        try (InputStream in = Page.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The HTML report's " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
