package dev.evalunit.samples.support;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The stand-in's "candidate model": it answers a question by quoting the context sentence that
 * shares the most content words with the question (the earlier one on a tie), or says the context
 * does not hold the answer when no sentence shares any. A lexical baseline, so it is right when the
 * question's words point at the answer and wrong when they point elsewhere.
 *
 * <p>Public for the plug-in sample ({@code dev.evalunit.samples.plugins}), whose server answers with it.
 *
 * <p>It reads the prompt the way the question-answering sample builds it: the question is the
 * last line (a leading {@code Question:} is dropped); the text before it is the context, without
 * its first paragraph (the instruction) when there is more than one paragraph.
 */
public final class ScriptedAnswerer {

    static final String NOT_IN_CONTEXT = "The context does not say.";

    private ScriptedAnswerer() {
    }

    public static String answer(String prompt) {
        String stripped = prompt == null ? "" : prompt.strip();
        int lastBreak = stripped.lastIndexOf('\n');
        String question = stripped.substring(lastBreak + 1).replaceFirst("^\\s*Question:\\s*", "");
        String body = lastBreak < 0 ? "" : stripped.substring(0, lastBreak).strip();
        List<String> paragraphs = Arrays.asList(body.split("\\n\\s*\\n"));
        String context = String.join("\n", paragraphs.size() > 1 ? paragraphs.subList(1, paragraphs.size()) : paragraphs);
        return bestSentence(question, context).orElse(NOT_IN_CONTEXT);
    }

    /** The context sentence sharing the most content words with the question, if any shares one. */
    static Optional<String> bestSentence(String question, String context) {
        Set<String> asked = ContentWords.setOf(question);
        String best = null;
        long bestOverlap = 0;
        for (String sentence : ContentWords.sentences(context)) {
            long overlap = ContentWords.setOf(sentence).stream().filter(asked::contains).count();
            if (overlap > bestOverlap) {
                best = sentence;
                bestOverlap = overlap;
            }
        }
        return Optional.ofNullable(best);
    }
}
