package dev.evalunit.samples.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The stand-in's judge for the experiment-set metrics: one metric per request, named by the
 * request's structured-output schema. It reads the tagged sections of the metric's prompt (the
 * question, the expected or reference answer, the answer) and compares their content words
 * ({@link ContentWords}). The expected answer's <b>key words</b> are its content words that the
 * question does not already contain (all of them when the question contains every one); the
 * answer's <b>added words</b> are its content words found in neither; an answer <b>hedges</b> when
 * it says {@code either}, {@code or}, {@code maybe}, {@code perhaps}, {@code possibly} or
 * {@code probably}.
 * <ul>
 *   <li>{@code judge_precision}: 1 when the answer has every key word and does not hedge, else 0;</li>
 *   <li>{@code judge_exactness}: as {@code judge_precision}, and the answer adds no word;</li>
 *   <li>{@code judge_notator}: 1 + 9 &times; the share of key words the answer has, minus one per
 *       added word (at most {@value #MAX_ADDED_PENALTY}), minus {@value #HEDGE_PENALTY} when it
 *       hedges, rounded and kept within 1 to 10.</li>
 * </ul>
 * Each reason names the words that decided, so a score can be checked by reading the answer.
 */
final class ScriptedMetricJudge {

    static final Set<String> METRICS = Set.of("judge_precision", "judge_exactness", "judge_notator");
    static final int MAX_ADDED_PENALTY = 3;
    static final int HEDGE_PENALTY = 3;
    static final String PREFIX = "Scripted stand-in score (word overlap, not a model). ";

    private static final Pattern HEDGE = Pattern.compile("(?i)\\b(either|or|maybe|perhaps|possibly|probably)\\b");

    /** A score and why, as the metric's reply format asks. */
    record Score(int score, String reason) {
    }

    private ScriptedMetricJudge() {
    }

    /**
     * @param metric the schema name of the request, e.g. {@code judge_precision}
     * @param prompt the user message
     * @throws IllegalArgumentException for a metric it does not score, or a prompt without its sections
     */
    static Score score(String metric, String prompt) {
        if (!METRICS.contains(metric)) {
            throw new IllegalArgumentException("the stand-in scores " + METRICS.stream().sorted().toList()
                    + " only, not " + metric);
        }
        String question = ScriptedJudge.section(prompt, "question");
        String expected = ScriptedJudge.section(prompt,
                prompt.contains("<reference_answer>\n") ? "reference_answer" : "expected_answer");
        Comparison c = Comparison.of(question, expected, ScriptedJudge.section(prompt, "answer"));
        return switch (metric) {
            case "judge_precision" -> precision(c);
            case "judge_exactness" -> exactness(c);
            default -> notator(c);
        };
    }

    private static Score precision(Comparison c) {
        if (!c.missing().isEmpty()) {
            return new Score(0, PREFIX + "The answer leaves out the expected answer's " + c.listMissing() + ".");
        }
        if (c.hedges()) {
            return new Score(0, PREFIX + "The answer names the expected " + c.listKey()
                    + " only as one candidate among others.");
        }
        return new Score(1, PREFIX + "The answer states the expected " + c.listKey() + " and does not hedge.");
    }

    private static Score exactness(Comparison c) {
        Score precision = precision(c);
        if (precision.score() == 0 || c.added().isEmpty()) {
            return precision;
        }
        return new Score(0, PREFIX + "The answer states the expected " + c.listKey() + " but adds "
                + words(c.added()) + ".");
    }

    private static Score notator(Comparison c) {
        // An expected answer without content words ("Yes.") leaves nothing to miss.
        double share = c.key().isEmpty() ? 1 : (double) (c.key().size() - c.missing().size()) / c.key().size();
        int addedPenalty = Math.min(MAX_ADDED_PENALTY, c.added().size());
        int hedgePenalty = c.hedges() ? HEDGE_PENALTY : 0;
        int score = (int) Math.max(1, Math.min(10, Math.round(1 + 9 * share - addedPenalty - hedgePenalty)));
        String reason = String.format(Locale.ROOT, "The answer has %d of the reference answer's %d key word%s (%s),"
                        + " adds %d word%s%s and %s: 1 + 9 x %.2f - %d - %d, within 1 to 10, is %d.",
                c.key().size() - c.missing().size(), c.key().size(), c.key().size() == 1 ? "" : "s",
                String.join(", ", c.key().values()), c.added().size(), c.added().size() == 1 ? "" : "s",
                c.added().isEmpty() ? "" : " (" + String.join(", ", c.added()) + ")",
                c.hedges() ? "hedges" : "does not hedge", share, addedPenalty, hedgePenalty, score);
        return new Score(score, PREFIX + reason);
    }

    private static String words(List<String> words) {
        return (words.size() == 1 ? "the word " : "the words ") + String.join(", ", words);
    }

    /**
     * The words that decide every metric.
     *
     * @param key the expected answer's key words, normalised to their spelling there
     * @param missing the key words the answer lacks, as spelled in the expected answer
     * @param added the answer's words found in neither the question nor the expected answer, as spelled in the answer
     */
    private record Comparison(Map<String, String> key, List<String> missing, List<String> added, boolean hedges) {

        static Comparison of(String question, String expected, String answer) {
            Set<String> asked = ContentWords.setOf(question);
            Map<String, String> expectedWords = ContentWords.spellings(expected);
            Map<String, String> key = new LinkedHashMap<>(expectedWords);
            key.keySet().removeAll(asked);
            if (key.isEmpty()) {
                key.putAll(expectedWords);
            }
            Map<String, String> answered = ContentWords.spellings(answer);
            List<String> missing = new ArrayList<>();
            key.forEach((word, spelling) -> {
                if (!answered.containsKey(word)) {
                    missing.add(spelling);
                }
            });
            List<String> added = new ArrayList<>();
            answered.forEach((word, spelling) -> {
                if (!asked.contains(word) && !expectedWords.containsKey(word)) {
                    added.add(spelling);
                }
            });
            return new Comparison(key, missing, added, HEDGE.matcher(answer).find());
        }

        String listKey() {
            return (key.size() == 1 ? "answer " : "answer's words ") + String.join(", ", key.values());
        }

        String listMissing() {
            return words(missing).replaceFirst("^the ", "");
        }
    }
}
