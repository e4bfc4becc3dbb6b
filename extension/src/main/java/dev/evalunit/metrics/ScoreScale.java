package dev.evalunit.metrics;

import dev.evalunit.json.JsonSchemas;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scores a judge metric accepts, and the JSON schema that asks the judge for them.
 *
 * @param min the lowest score
 * @param max the highest score
 * @param integral whether the judge is asked for a whole number
 */
record ScoreScale(int min, int max, boolean integral) {

    /** 0 or 1, nothing in between. */
    static final ScoreScale BINARY = new ScoreScale(0, 1, true);
    static final ScoreScale ONE_TO_TEN = new ScoreScale(1, 10, true);
    static final ScoreScale PERCENT = new ScoreScale(0, 100, true);
    /** Any number from 0 to 1. */
    static final ScoreScale FRACTION = new ScoreScale(0, 1, false);

    boolean binary() {
        return integral && min == 0 && max == 1;
    }

    /** Why {@code score} is not on this scale, or empty when it is. A number off an integral scale is accepted. */
    Optional<String> violation(double score) {
        if (binary() && score != 0 && score != 1) {
            return Optional.of("the judge's score " + format(score) + " is not 0 or 1");
        }
        if (score < min || score > max) {
            return Optional.of("the judge's score " + format(score) + " is outside " + min + "-" + max);
        }
        return Optional.empty();
    }

    /** How the reply format shows the score's value, e.g. {@code <integer from 1 to 10>}. */
    String shape() {
        if (binary()) {
            return "0 | 1";
        }
        return "<" + (integral ? "integer" : "number") + " from " + min + " to " + max + ">";
    }

    /**
     * {@code {"reason": string, "score": ...}}, both required, nothing else. The reason comes first so
     * that models which generate in schema order reason before they score.
     */
    Map<String, Object> responseSchema() {
        Map<String, Object> score = new LinkedHashMap<>();
        score.put("type", integral ? "integer" : "number");
        if (binary()) {
            score.put("enum", List.of(0, 1));
        } else {
            score.put("minimum", min);
            score.put("maximum", max);
        }
        Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        properties.put("reason", Map.of("type", "string"));
        properties.put("score", score);
        return JsonSchemas.strictObject(properties);
    }

    /** 12 rather than 12.0, 0.75 as is. */
    static String format(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
