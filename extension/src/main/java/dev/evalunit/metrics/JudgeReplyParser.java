package dev.evalunit.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a judge metric's reply. Judges without structured output wrap the JSON in code fences or
 * prose, so the parser takes the first complete JSON object that has a {@code "score"}. Reasoning
 * models' {@code <think>...</think>} sections are skipped, since drafts there are not the answer.
 * A reply that is only a number (EvalAP's own judges reply that way) is read as the score; any
 * other prose is unreadable: the parser never guesses a score from free text.
 *
 * <p>The score is a JSON number or a string holding one (a trailing {@code %} is allowed). For 0/1
 * metrics it may also be {@code true}/{@code false} or {@code "yes"}/{@code "no"}. The reason is
 * read from {@code "reason"}, else {@code "explanation"}.
 */
final class JudgeReplyParser {

    // Lenient only where models commonly slip: raw line breaks inside strings, a trailing comma.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private static final Pattern THINKING = Pattern.compile("<think>.*?</think>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?)\\s*%?\\s*");
    private static final Pattern BARE_NUMBER = Pattern.compile("[\\s\"'`*]*(-?\\d+(?:\\.\\d+)?)\\s*%?[\\s\"'`*.]*");
    private static final int QUOTED_VALUE_LIMIT = 40;

    /**
     * The score and reason in {@code reply}.
     *
     * @param binary whether the metric scores 0 or 1, which admits yes/no and booleans
     * @throws UnreadableReplyException when the reply holds no readable score
     */
    static JudgeScore parse(String reply, boolean binary) throws UnreadableReplyException {
        if (reply == null || reply.isBlank()) {
            throw new UnreadableReplyException("it is empty");
        }
        String text = THINKING.matcher(reply).replaceAll("");
        if (text.isBlank()) {
            throw new UnreadableReplyException("it holds only the judge's thinking, no score");
        }
        Matcher bare = BARE_NUMBER.matcher(text);
        if (bare.matches()) {
            return new JudgeScore(Double.parseDouble(bare.group(1)), "");
        }
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
            if (object.isPresent() && object.get().has("score")) {
                return fromJson(object.get(), binary);
            }
            // A parsed object without a score is skipped whole; one that did not parse may still
            // contain a valid object further in.
            from = text.indexOf('{', object.isPresent() ? end + 1 : from + 1);
        }
        if (unclosed) {
            throw new UnreadableReplyException("its JSON object is not closed (truncated reply?)");
        }
        throw new UnreadableReplyException("it has no JSON object with a \"score\"");
    }

    private static JudgeScore fromJson(JsonNode object, boolean binary) throws UnreadableReplyException {
        JsonNode score = object.get("score");
        Optional<Double> value = score.isNumber() ? Optional.of(score.doubleValue())
                : score.isBoolean() && binary ? Optional.of(score.booleanValue() ? 1.0 : 0.0)
                : score.isTextual() ? fromText(score.asText(), binary)
                : Optional.empty();
        if (value.isEmpty() || !Double.isFinite(value.get())) {
            throw notANumber(score, binary);
        }
        return new JudgeScore(value.get(), reason(object));
    }

    private static Optional<Double> fromText(String text, boolean binary) {
        Matcher number = NUMBER.matcher(text);
        if (number.matches()) {
            return Optional.of(Double.parseDouble(number.group(1)));
        }
        if (binary) {
            return switch (text.strip().replaceAll("[.!]+$", "").toLowerCase(Locale.ROOT)) {
                case "yes", "true" -> Optional.of(1.0);
                case "no", "false" -> Optional.of(0.0);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    private static String reason(JsonNode object) {
        JsonNode reason = object.hasNonNull("reason") ? object.get("reason") : object.get("explanation");
        if (reason == null || reason.isNull()) {
            return "";
        }
        return (reason.isTextual() ? reason.asText() : reason.toString()).strip();
    }

    private static UnreadableReplyException notANumber(JsonNode score, boolean binary) {
        String shown = (score.isTextual() ? score.asText() : score.toString()).strip();
        if (shown.length() > QUOTED_VALUE_LIMIT) {
            shown = shown.substring(0, QUOTED_VALUE_LIMIT) + "...";
        }
        return new UnreadableReplyException("its \"score\" is not a number" + (binary ? ", yes or no" : "")
                + ": \"" + shown + "\"");
    }

    private static Optional<JsonNode> readObject(String candidate) {
        try {
            JsonNode node = JSON.readTree(candidate);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
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

    private JudgeReplyParser() {
    }
}
