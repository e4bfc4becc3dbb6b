package dev.evalunit.autorater;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalunit.json.EmbeddedJson;
import dev.evalunit.api.pairwise.Vote;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Reads a judge's reply. Judges without structured output wrap the JSON in code fences or prose,
 * so the parser looks for the first complete JSON object that has a {@code "choice"}; as a last
 * resort it accepts a prose line such as {@code Choice: A}. It never guesses from free text.
 */
@API(status = INTERNAL, since = "0.1")
public final class VerdictParser {


    private static final Map<String, Vote> CHOICES = Map.of(
            "A", Vote.A, "RESPONSE A", Vote.A, "MODEL A", Vote.A,
            "B", Vote.B, "RESPONSE B", Vote.B, "MODEL B", Vote.B,
            "TIE", Vote.TIE, "BOTH", Vote.TIE, "EQUAL", Vote.TIE);

    // A prose line "Choice: A", optionally as a Markdown bullet, heading or in bold. The key must
    // be unquoted, so that a line of broken JSON ("choice": "A",) is not taken for a verdict.
    private static final Pattern CHOICE_LINE = Pattern.compile(
            "^[\\s*_#>-]*(?:final\\s+)?choice[\\s*_]*:(.*)$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private static final int QUOTED_VALUE_LIMIT = 40;
    private static final String LEADING_DECORATION = "\"'`*_[(";
    private static final String TRAILING_DECORATION = "\"'`*_])?.!";

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
        EmbeddedJson.Search search = EmbeddedJson.find(reply, "choice");
        if (search.object().isPresent()) {
            return fromJson(search.object().get());
        }
        if (search.unclosed()) {
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
    private static Optional<Vote> vote(String choice) {
        String value = choice.strip();
        int from = 0;
        int to = value.length();
        while (from < to && isDecoration(value.charAt(from), LEADING_DECORATION)) {
            from++;
        }
        while (to > from && isDecoration(value.charAt(to - 1), TRAILING_DECORATION)) {
            to--;
        }
        // Runs of white space inside count as one space ("Response   B"); a scan, not a regex, since this runs per verdict.
        StringBuilder normalised = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!isSpace(c)) {
                normalised.append(c);
            } else if (!isSpace(value.charAt(i - 1))) {
                normalised.append(' ');
            }
        }
        return Optional.ofNullable(CHOICES.get(normalised.toString().toUpperCase(Locale.ROOT)));
    }

    private static boolean isDecoration(char c, String decoration) {
        return isSpace(c) || decoration.indexOf(c) >= 0;
    }

    /** White space as the regex class {@code \\s} has it, which the normalisation has always used. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static UnreadableVerdictException notAChoice(String value) {
        String shown = value.strip();
        if (shown.length() > QUOTED_VALUE_LIMIT) {
            shown = shown.substring(0, QUOTED_VALUE_LIMIT) + "...";
        }
        return new UnreadableVerdictException("the reply's \"choice\" is not A, B or TIE: \"" + shown + "\"");
    }



    private VerdictParser() {
    }
}
