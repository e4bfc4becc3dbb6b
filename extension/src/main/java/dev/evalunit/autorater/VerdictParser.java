package dev.evalunit.autorater;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.evalunit.api.result.Vote;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a judge's reply. Judges without structured output wrap the JSON in code fences or prose,
 * so the parser looks for the first complete JSON object that has a {@code "choice"}; as a last
 * resort it accepts a prose line such as {@code Choice: A}. It never guesses from free text.
 */
public final class VerdictParser {

    // Lenient only where models commonly slip: raw line breaks inside strings, a trailing comma.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private static final Map<String, Vote> CHOICES = Map.of(
            "A", Vote.A, "RESPONSE A", Vote.A, "MODEL A", Vote.A,
            "B", Vote.B, "RESPONSE B", Vote.B, "MODEL B", Vote.B,
            "TIE", Vote.TIE, "BOTH", Vote.TIE, "EQUAL", Vote.TIE);

    // A prose line "Choice: A", optionally as a Markdown bullet, heading or in bold. The key must
    // be unquoted, so that a line of broken JSON ("choice": "A",) is not taken for a verdict.
    private static final Pattern CHOICE_LINE = Pattern.compile(
            "^[\\s*_#>-]*(?:final\\s+)?choice[\\s*_]*:(.*)$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private static final int QUOTED_VALUE_LIMIT = 40;

    /**
     * The verdict in {@code reply}, in the positions shown to the judge.
     *
     * @throws UnreadableVerdictException when the reply holds no recognisable verdict; its message
     *     is a short reason
     */
    public static ParsedVerdict parse(String reply) throws UnreadableVerdictException {
        if (reply == null || reply.isBlank()) {
            throw new UnreadableVerdictException("the reply is empty");
        }
        boolean unclosed = false;
        int from = reply.indexOf('{');
        while (from >= 0) {
            int end = closingBrace(reply, from);
            if (end < 0) {
                unclosed = true;
                from = reply.indexOf('{', from + 1);
                continue;
            }
            Optional<JsonNode> object = readObject(reply.substring(from, end + 1));
            if (object.isPresent() && object.get().has("choice")) {
                return fromJson(object.get());
            }
            // A parsed object without a choice is skipped whole; one that did not parse may still
            // contain a valid object further in.
            from = reply.indexOf('{', object.isPresent() ? end + 1 : from + 1);
        }
        if (unclosed) {
            throw new UnreadableVerdictException("the reply's JSON object is not closed (truncated reply?)");
        }
        Matcher line = CHOICE_LINE.matcher(reply);
        if (line.find()) {
            String value = line.group(1);
            Vote vote = vote(value).orElseThrow(() -> notAChoice(value));
            return new ParsedVerdict(vote, reply.strip());
        }
        throw new UnreadableVerdictException("the reply has no JSON object with a \"choice\"");
    }

    private static ParsedVerdict fromJson(JsonNode object) throws UnreadableVerdictException {
        JsonNode choice = object.get("choice");
        String value = choice.isValueNode() ? choice.asText() : choice.toString();
        Vote vote = (choice.isTextual() ? vote(value) : Optional.<Vote>empty()).orElseThrow(() -> notAChoice(value));
        JsonNode explanation = object.get("explanation");
        String text = explanation == null || explanation.isNull() ? ""
                : explanation.isTextual() ? explanation.asText() : explanation.toString();
        return new ParsedVerdict(vote, text.strip());
    }

    /** The vote a choice value names, ignoring case, quotes, emphasis and trailing punctuation. */
    private static Optional<Vote> vote(String value) {
        String normalised = value.strip()
                .replaceAll("^[\\s\"'`*_\\[(]+", "")
                .replaceAll("[\\s\"'`*_\\])?.!]+$", "")
                .replaceAll("\\s+", " ")
                .toUpperCase(Locale.ROOT);
        return Optional.ofNullable(CHOICES.get(normalised));
    }

    private static UnreadableVerdictException notAChoice(String value) {
        String shown = value.strip();
        if (shown.length() > QUOTED_VALUE_LIMIT) {
            shown = shown.substring(0, QUOTED_VALUE_LIMIT) + "...";
        }
        return new UnreadableVerdictException("the reply's \"choice\" is not A, B or TIE: \"" + shown + "\"");
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

    private VerdictParser() {
    }
}
