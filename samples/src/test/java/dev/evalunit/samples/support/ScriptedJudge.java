package dev.evalunit.samples.support;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The stand-in's "judge": it reads the tagged sections of an autorater prompt and scores each
 * response on its own by counting content words ({@link ContentWords}):
 * <ul>
 *   <li><b>grounded</b>: the share of the response's words found in the context or the instruction,
 *       numbers and names weighing {@value #FACT_WEIGHT} times as much as other words (an invented
 *       figure matters more than a paraphrase);</li>
 *   <li><b>coverage</b>: for question answering, the share of the question's words the answer
 *       contains (an answer saying the context does not hold the answer covers the question as far
 *       as the context really lacks the question's words); for summarization, the share of the
 *       text's sentences the summary draws on (shares at least {@value #DRAWN_ON_SHARE} of their
 *       words with);</li>
 *   <li><b>length penalty</b>: for an answer over {@value #LONG_ANSWER_WORDS} words, 0.01 per word
 *       over; for a summary longer than {@value #LONG_SUMMARY_RATIO} of its text, the excess ratio;
 *       for a summary under {@value #SHORT_SUMMARY_WORDS} words, 0.2. Never more than 0.5.</li>
 * </ul>
 * The score is {@code (grounded + coverage) / 2 - penalty}; the higher score wins unless the two
 * are within {@value #TIE_MARGIN}, which is a tie. Each response is scored without looking at the
 * other or at its position, so swapping the responses swaps the verdict.
 *
 * <p>What it cannot see, by construction: whether facts that are each in the context belong
 * together (a right name with a date from another sentence), and whether an answer that uses the
 * question's words actually answers it.
 */
final class ScriptedJudge {

    static final double TIE_MARGIN = 0.05;
    static final int LONG_ANSWER_WORDS = 50;
    static final int SHORT_SUMMARY_WORDS = 6;
    static final double LONG_SUMMARY_RATIO = 0.6;
    static final double DRAWN_ON_SHARE = 0.3;
    static final int FACT_WEIGHT = 3;

    private static final Pattern ABSTENTION = Pattern.compile("(?i)\\b(does not|doesn't|do not|don't) "
            + "(say|mention|state|contain|include|specify)\\b|\\bnot (mentioned|stated|specified)\\b");
    private static final String NO_CONTEXT_MARKER = "(no context was given";

    /** A verdict as the autorater expects it: {@code A}, {@code B} or {@code TIE}, and why. */
    record Verdict(String choice, String explanation) {
    }

    /** How one response fared. */
    record Score(double grounded, double coverage, double penalty) {
        double total() {
            return (grounded + coverage) / 2 - penalty;
        }

        String describe() {
            return String.format(Locale.ROOT, "grounded %.2f, coverage %.2f, length penalty %.2f, score %.2f",
                    grounded, coverage, penalty, total());
        }
    }

    private ScriptedJudge() {
    }

    /** @throws IllegalArgumentException when a tagged section is missing */
    static Verdict judge(String userPrompt) {
        boolean summarization = userPrompt.lines().findFirst().orElse("").contains("summarization");
        String instruction = section(userPrompt, "instruction");
        String shownContext = section(userPrompt, "context");
        String context = shownContext.startsWith(NO_CONTEXT_MARKER) ? "" : shownContext;
        Function<String, Score> scorer = summarization
                ? response -> scoreSummary(response, instruction, context)
                : response -> scoreAnswer(response, instruction, context);
        Score a = scorer.apply(section(userPrompt, "response_a"));
        Score b = scorer.apply(section(userPrompt, "response_b"));
        double gap = a.total() - b.total();
        String choice = Math.abs(gap) <= TIE_MARGIN ? "TIE" : gap > 0 ? "A" : "B";
        String reason = switch (choice) {
            case "TIE" -> String.format(Locale.ROOT, "The scores differ by %.2f, within the tie margin of %.2f.",
                    Math.abs(gap), TIE_MARGIN);
            default -> String.format(Locale.ROOT, "Response %s scores %.2f higher.", choice, Math.abs(gap));
        };
        String explanation = "Scripted stand-in verdict (word overlap, not a model). Response A: " + a.describe()
                + ". Response B: " + b.describe() + ". " + reason;
        return new Verdict(choice, explanation);
    }

    static Score scoreAnswer(String response, String instruction, String context) {
        if (response.isBlank()) {
            return new Score(0, 0, 0);
        }
        Set<String> asked = ContentWords.setOf(instruction);
        if (ABSTENTION.matcher(response).find()) {
            // Declining is right exactly as far as the context lacks what the question asks about.
            double found = ScriptedAnswerer.bestSentence(instruction, context)
                    .map(s -> share(asked, ContentWords.setOf(s))).orElse(0.0);
            return new Score(1.0, 1.0 - found, 0);
        }
        Set<String> words = ContentWords.setOf(response);
        double coverage = share(asked, words);
        int length = ContentWords.count(response);
        double penalty = length > LONG_ANSWER_WORDS ? Math.min(0.5, (length - LONG_ANSWER_WORDS) / 100.0) : 0;
        return new Score(grounded(response, instruction, context), coverage, penalty);
    }

    static Score scoreSummary(String response, String instruction, String context) {
        if (response.isBlank()) {
            return new Score(0, 0, 0);
        }
        Set<String> words = ContentWords.setOf(response);
        double coverage = sentencesDrawnOn(words, context);
        int length = ContentWords.count(response);
        double ratio = (double) length / Math.max(1, ContentWords.count(context));
        double penalty = length < SHORT_SUMMARY_WORDS ? 0.2 : Math.min(0.5, Math.max(0, ratio - LONG_SUMMARY_RATIO));
        return new Score(grounded(response, instruction, context), coverage, penalty);
    }

    /**
     * The share of the context's sentences the summary draws on: those sharing at least
     * {@value #DRAWN_ON_SHARE} of their content words with it.
     */
    static double sentencesDrawnOn(Set<String> summary, String context) {
        List<String> sentences = ContentWords.sentences(context);
        if (sentences.isEmpty()) {
            return 1.0;
        }
        long drawnOn = sentences.stream()
                .filter(sentence -> share(ContentWords.setOf(sentence), summary) >= DRAWN_ON_SHARE)
                .count();
        return (double) drawnOn / sentences.size();
    }

    /** The weighted share of the response's words found in the sources; facts weigh {@value #FACT_WEIGHT} times. */
    private static double grounded(String response, String instruction, String context) {
        Set<String> words = ContentWords.setOf(response);
        if (words.isEmpty()) {
            return 1.0;
        }
        Set<String> facts = ContentWords.factsOf(response);
        Set<String> sources = ContentWords.setOf(instruction + "\n" + context);
        double found = 0;
        double total = 0;
        for (String word : words) {
            double weight = facts.contains(word) ? FACT_WEIGHT : 1;
            total += weight;
            found += sources.contains(word) ? weight : 0;
        }
        return found / total;
    }

    /** The share of {@code wanted} found in {@code found}; 1 when nothing is wanted. */
    private static double share(Set<String> wanted, Set<String> found) {
        if (wanted.isEmpty()) {
            return 1.0;
        }
        return (double) wanted.stream().filter(found::contains).count() / wanted.size();
    }

    /** The text between {@code <tag>} and {@code </tag>}, each on a line of its own. */
    static String section(String prompt, String tag) {
        String open = "<" + tag + ">\n";
        int start = prompt.indexOf(open);
        int end = start < 0 ? -1 : prompt.indexOf("\n</" + tag + ">", start + open.length() - 1);
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException("the prompt has no <" + tag + "> section");
        }
        return prompt.substring(start + open.length(), Math.max(start + open.length(), end)).strip();
    }
}
