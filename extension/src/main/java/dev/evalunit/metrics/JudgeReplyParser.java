package dev.evalunit.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalunit.json.EmbeddedJson;

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
        EmbeddedJson.Search search = EmbeddedJson.find(text, "score");
        if (search.object().isPresent()) {
            return fromJson(search.object().get(), binary);
        }
        if (search.unclosed()) {
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



    private JudgeReplyParser() {
    }
}
