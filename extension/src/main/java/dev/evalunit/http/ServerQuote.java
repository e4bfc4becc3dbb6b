package dev.evalunit.http;

import dev.evalunit.json.JsonReading;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server text made readable for a message, on one line: from a JSON error body, the provider's own
 * message rather than the raw JSON; from an HTML page, its title; any other text cut at a word
 * boundary, with an ellipsis and the total length. The text given is already scrubbed of the key.
 */
final class ServerQuote {

    static final int LENGTH = 200;
    /** A provider's message is quoted whole, unless it is longer than this. */
    static final int MESSAGE_LENGTH = 1000;
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ServerQuote() {
    }

    /** The readable quote of {@code text}; empty for an empty body. */
    static String of(String text) {
        Optional<String> message = jsonMessage(text);
        if (message.isPresent()) {
            return cut(oneLine(message.get()), MESSAGE_LENGTH);
        }
        if (isHtml(text)) {
            Matcher title = TITLE.matcher(text);
            return title.find() && !oneLine(title.group(1)).isEmpty()
                    ? "an HTML page titled \"" + cut(oneLine(title.group(1)), LENGTH) + "\""
                    : "an HTML page";
        }
        return cut(oneLine(text), LENGTH);
    }

    /** Whether {@code text} is a web page rather than an API's answer. */
    static boolean isHtml(String text) {
        String start = text.stripLeading();
        start = start.substring(0, Math.min(start.length(), 64)).toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head")
                || start.startsWith("<body");
    }

    /** Whether {@code text} at least starts as a JSON object or array: a check for a few characters. */
    static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    /**
     * The error message of a JSON body in the shapes providers use: {@code {"error": {"message": ...}}}
     * (OpenAI, Anthropic, Google, Mistral), {@code {"error": "..."}} (Ollama), {@code {"message": ...}},
     * {@code {"detail": "..."}} (FastAPI servers such as vLLM's).
     */
    private static Optional<String> jsonMessage(String text) {
        if (!text.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        Object body;
        try {
            body = JsonReading.read(new StringReader(text));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (!(body instanceof Map<?, ?> object)) {
            return Optional.empty();
        }
        Object error = object.get("error");
        List<Object> candidates = List.of(error instanceof Map<?, ?> nested ? text(nested.get("message")) : "",
                text(error), text(object.get("message")), text(object.get("detail")));
        return candidates.stream().map(String.class::cast).filter(s -> !s.isBlank()).findFirst();
    }

    private static Object text(Object value) {
        return value instanceof String s ? s : "";
    }

    private static String oneLine(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").trim();
    }

    /** {@code line} whole when short enough; else cut at the last space before {@code length}. */
    private static String cut(String line, int length) {
        if (line.length() <= length) {
            return line;
        }
        int end = line.lastIndexOf(' ', length);
        if (end < length / 2) {
            end = length;
        }
        return line.substring(0, end).stripTrailing() + "… (" + line.length() + " characters)";
    }
}
