package dev.evalunit.samples.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The stand-in's idea of "what a text says": its content words, lower-cased, with a plural or
 * third-person {@code s} dropped and cut to their first {@value #STEM_LENGTH} letters, without the
 * stop words and the words that only talk about the task ("answer", "question", "context", ...).
 * Crude on purpose: every verdict must be explainable by counting words.
 */
final class ContentWords {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");
    // A sentence ends at . ! or ? followed by a capital or a digit, so "5 p.m. on" stays whole.
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{Nd}\"])");

    private static final Set<String> NUMBER_WORDS = Set.of("one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred",
            "thousand", "million", "billion", "half", "twice", "double");

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
            "be", "because", "been", "before", "being", "between", "both", "but", "by", "can", "could",
            "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further",
            "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "if", "in",
            "into", "is", "it", "its", "itself", "just", "many", "may", "me", "might", "more", "most",
            "much", "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
            "other", "our", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than",
            "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through",
            "to", "too", "under", "until", "up", "us", "very", "was", "we", "were", "what", "when",
            "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
            "yours",
            // Words about the task rather than its subject.
            "answer", "question", "context", "text", "summary", "summarize", "response", "say", "says", "mention",
            "information", "provided", "given");

    /** Words are compared by at most this many first letters. */
    static final int STEM_LENGTH = 5;

    private ContentWords() {
    }

    /** The content words of {@code text}, normalised, in order, repeats kept. */
    static List<String> of(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        for (String token : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            String word = normalise(token);
            if (!word.isEmpty() && !STOP_WORDS.contains(token) && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /**
     * The distinct content words of {@code text}, normalised as {@link #of} does, each mapped to its
     * first spelling in the text: what a reason shows a reader.
     */
    static Map<String, String> spellings(String text) {
        Map<String, String> spellings = new LinkedHashMap<>();
        if (text == null) {
            return spellings;
        }
        for (String token : NON_WORD.split(text)) {
            String lower = token.toLowerCase(Locale.ROOT);
            String word = normalise(lower);
            if (!word.isEmpty() && !STOP_WORDS.contains(lower) && !STOP_WORDS.contains(word)) {
                spellings.putIfAbsent(word, token);
            }
        }
        return spellings;
    }

    /** The distinct content words of {@code text}, in order of first appearance. */
    static Set<String> setOf(String text) {
        return new LinkedHashSet<>(of(text));
    }

    /**
     * The content words of {@code text} that state facts: numbers (in digits or words) and names
     * (capitalised words that do not start a sentence).
     */
    static Set<String> factsOf(String text) {
        Set<String> facts = new LinkedHashSet<>();
        for (String sentence : sentences(text == null ? "" : text)) {
            String[] tokens = NON_WORD.split(sentence.strip());
            for (int i = 0; i < tokens.length; i++) {
                String token = tokens[i];
                boolean number = !token.isEmpty() && (Character.isDigit(token.charAt(0))
                        || NUMBER_WORDS.contains(token.toLowerCase(Locale.ROOT)));
                boolean name = i > 0 && !token.isEmpty() && Character.isUpperCase(token.charAt(0));
                if (number || name) {
                    facts.addAll(of(token));
                }
            }
        }
        return facts;
    }

    /** The sentences of {@code text}, trimmed, in order. */
    static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(text.strip())) {
            if (!sentence.isBlank()) {
                sentences.add(sentence.strip());
            }
        }
        return sentences;
    }

    /** Whitespace-separated words, the stand-in's token count. */
    static int count(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    private static String normalise(String token) {
        if (token.isEmpty() || (token.length() == 1 && !Character.isDigit(token.charAt(0)))) {
            return "";
        }
        String word = token;
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
                && !word.endsWith("is")) {
            word = word.substring(0, word.length() - 1);
        }
        // A crude stem, so that "returned" and "return", "flooded" and "floods" compare equal.
        return word.length() > STEM_LENGTH ? word.substring(0, STEM_LENGTH) : word;
    }
}
