package dev.evalunit.metrics;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.prompt.PromptTemplate;

import java.util.List;
import java.util.Map;

/**
 * The judge metrics' prompts, all in one place: one system message, and per metric a user prompt
 * (the task, the row's data between tags, a rubric) that ends with the same reply format, a JSON
 * object {@code {"reason": ..., "score": ...}} with the reason first. The meanings follow EvalAP's
 * metrics of the same names; the texts are ours.
 *
 * <p>Placeholders name canonical columns ({@code query}, {@code output_true}, {@code context},
 * {@code retrieval_context}) and {@code output}, the answer being judged.
 */
final class JudgePrompts {

    static final String SYSTEM_MESSAGE = "You are an impartial evaluator of answers written by an AI assistant. "
            + "You score on the single criterion you are given, following its scale exactly. The length, style "
            + "and confidence of what you evaluate must not influence you beyond what the criterion asks. "
            + "You reply only with the JSON object you are asked for.";

    private static final String QUESTION = section("Question", "question", "query");
    private static final String EXPECTED = section("Expected answer", "expected_answer", "output_true");
    private static final String REFERENCE = section("Reference answer", "reference_answer", "output_true");
    private static final String ANSWER = section("Answer to evaluate", "answer", "output");
    private static final String CONTEXT = section("Retrieved context", "retrieved_context", "retrieval_context");

    private static final String SHORT_REASON = "one to three sentences that justify the score.";

    static JudgeSpec precision() {
        return builtIn("judge_precision", ScoreScale.BINARY, true, List.of("query", "output_true"),
                "1 if the answer contains the expected answer (output_true), else 0.",
                "Decide whether the answer below contains the expected answer.\n"
                        + "The expected answer holds the information a correct answer must give. The answer contains "
                        + "it when it states all of that information, in any wording, possibly with more detail "
                        + "around it. It does not contain it when it leaves out part of that information, "
                        + "contradicts it, or only offers it among several candidate answers.\n"
                        + QUESTION + EXPECTED + ANSWER
                        + "\nHow to judge\n"
                        + "1. List the key pieces of information in the expected answer.\n"
                        + "2. For each one, check whether the answer states it (in any wording), leaves it out or "
                        + "contradicts it.\n"
                        + "3. Give 1 if the answer states every key piece and contradicts none, else 0. Extra "
                        + "information in the answer does not matter unless it contradicts the expected answer.\n",
                "which key information of the expected answer the answer states, leaves out or contradicts, "
                        + "in one to three sentences.",
                "1 if the answer contains the expected answer, 0 if it does not.");
    }

    static JudgeSpec exactness() {
        return builtIn("judge_exactness", ScoreScale.BINARY, true, List.of("query", "output_true"),
                "1 if the answer means the same as the expected answer (output_true), else 0.",
                "Decide whether the answer below gives the expected answer: the same answer, with the same "
                        + "meaning.\n"
                        + "Wording, formatting, units written another way, the order of listed items and a short "
                        + "explanation around the answer do not matter. What matters is that the answer says the "
                        + "same thing as the expected answer: nothing of it is missing or changed, and the answer "
                        + "adds no claim that changes or hedges it, such as a second candidate answer.\n"
                        + QUESTION + EXPECTED + ANSWER
                        + "\nHow to judge\n"
                        + "1. Say in a few words what the expected answer says, and what the answer says.\n"
                        + "2. Compare their meanings: the same, partly the same, or different.\n"
                        + "3. Give 1 if they mean the same, else 0. Partly the same is 0.\n",
                SHORT_REASON,
                "1 if the answer means the same as the expected answer, 0 if it does not.");
    }

    static JudgeSpec notator() {
        return builtIn("judge_notator", ScoreScale.ONE_TO_TEN, true, List.of("query", "output_true"),
                "Similarity in meaning of the answer to the reference answer (output_true), from 1 to 10.",
                "Rate how similar in meaning the answer below is to the reference answer, from 1 to 10.\n"
                        + QUESTION + REFERENCE + ANSWER
                        + "\nScale\n"
                        + "- 10: the same meaning as the reference answer, even in other words.\n"
                        + "- 7 to 9: a very similar meaning; only minor differences, or small details added or "
                        + "missing.\n"
                        + "- 4 to 6: part of the meaning is shared, but with notable differences or important "
                        + "omissions.\n"
                        + "- 1 to 3: a significantly different meaning, a contradiction of the reference answer, or "
                        + "no answer to the question.\n"
                        + "\nHow to judge\n"
                        + "1. Identify the main information of the reference answer.\n"
                        + "2. Compare the meaning of the answer with it. Paraphrases, synonyms and reformulations "
                        + "that keep the meaning count as the same: do not penalize wording.\n"
                        + "3. A shorter answer that captures the essential information can score high. Extra "
                        + "information lowers the score only when it changes the overall meaning.\n"
                        + "4. Choose the score whose description fits best.\n",
                SHORT_REASON,
                "an integer from 1 to 10, as the scale above describes.");
    }

    static JudgeSpec completude() {
        return builtIn("judge_completude", ScoreScale.PERCENT, true, List.of("output_true"),
                "Share of the reference answer's (output_true) information that the answer covers, from 0 to 100.",
                "Measure how much of the reference answer's information the answer below covers, as a percentage "
                        + "from 0 to 100.\n"
                        + REFERENCE + ANSWER
                        + "\nHow to judge\n"
                        + "1. Break the reference answer into its distinct pieces of information (facts, figures, "
                        + "names, conditions, steps).\n"
                        + "2. For each piece, decide whether the answer states it, in any wording. A piece that the "
                        + "answer gets wrong or contradicts is not covered.\n"
                        + "3. The score is the number of covered pieces divided by the number of pieces, times 100, "
                        + "rounded to the nearest integer: 0 when the answer covers none, 100 when it covers all.\n"
                        + "4. Information in the answer that is not in the reference answer neither adds to nor "
                        + "subtracts from the score.\n",
                "the pieces of information of the reference answer, each marked covered or not, briefly.",
                "an integer from 0 to 100: the percentage of the reference answer's information covered.");
    }

    static JudgeSpec relevant() {
        return builtIn("judge_relevant", ScoreScale.ONE_TO_TEN, true, List.of("query"),
                "Relevance of the answer to the question (query), from 1 to 10.",
                "Rate how relevant the answer below is to the question, from 1 to 10.\n"
                        + "An answer is relevant when it addresses what the question asks. Judge relevance only, not "
                        + "correctness: an answer can be relevant and wrong.\n"
                        + QUESTION + ANSWER
                        + "\nScale\n"
                        + "- 10: addresses exactly what is asked, every part of the question, and nothing else.\n"
                        + "- 7 to 9: addresses the question, with a minor part left unaddressed or some content that "
                        + "is not needed.\n"
                        + "- 4 to 6: addresses the question only in part, or mostly answers a related but different "
                        + "question.\n"
                        + "- 1 to 3: does not address the question: off-topic, a refusal without a reason, or an "
                        + "answer to another question.\n"
                        + "\nHow to judge\n"
                        + "1. Identify what the question asks, part by part.\n"
                        + "2. Check which parts the answer addresses, and how much of it is about something else.\n"
                        + "3. Choose the score whose description fits best.\n",
                SHORT_REASON,
                "an integer from 1 to 10, as the scale above describes.");
    }

    static JudgeSpec rambling() {
        return builtIn("judge_rambling", ScoreScale.ONE_TO_TEN, false, List.of("query"),
                "How much the answer rambles away from the question (query), from 1 (not at all) to 10 "
                        + "(almost only); lower is better.",
                "Rate how much the answer below rambles, from 1 (no rambling) to 10 (almost only rambling).\n"
                        + "Rambling is content that does not help answer the question: digressions, off-topic "
                        + "remarks, repetition, filler, needless disclaimers and detail the question did not ask "
                        + "for. Length alone is not rambling: a long answer in which every part serves the question "
                        + "does not ramble.\n"
                        + QUESTION + ANSWER
                        + "\nScale\n"
                        + "- 1: no rambling; everything serves the question.\n"
                        + "- 2 to 3: a little rambling: a sentence or two that could go.\n"
                        + "- 4 to 6: noticeable rambling: a sizeable part of the answer does not serve the "
                        + "question.\n"
                        + "- 7 to 9: mostly rambling: the useful content is a small part of the answer.\n"
                        + "- 10: almost entirely rambling; little or nothing answers the question.\n"
                        + "\nHow to judge\n"
                        + "1. Identify what the question asks.\n"
                        + "2. Go through the answer and mark each part as serving the question or not.\n"
                        + "3. Estimate the share of the answer that does not serve the question, and choose the "
                        + "score whose description fits best. A higher score means more rambling.\n",
                SHORT_REASON,
                "an integer from 1 (no rambling) to 10 (almost only rambling), as the scale above describes.");
    }

    static JudgeSpec answerRelevancy() {
        return builtIn("answer_relevancy", ScoreScale.FRACTION, true, List.of("query"),
                "Share of the answer's statements that are relevant to the question (query), from 0 to 1.",
                "Measure how relevant the answer below is to the question: the share of its statements that help "
                        + "address the question, as a number from 0 to 1.\n"
                        + QUESTION + ANSWER
                        + "\nHow to judge\n"
                        + "1. Break the answer into its statements: each sentence or clause that says one thing.\n"
                        + "2. For each statement, decide whether it is relevant: it helps address the question. "
                        + "Statements that are off-topic or about something else are not relevant; a statement that "
                        + "the question cannot be answered, with the reason, is relevant.\n"
                        + "3. The score is the number of relevant statements divided by the number of statements "
                        + "(3 relevant of 4 gives 0.75). An answer without any statement scores 0.\n",
                "the statements, each marked relevant or not, briefly, then the count.",
                "a number from 0 to 1: the share of relevant statements.");
    }

    static JudgeSpec faithfulness() {
        return builtIn("faithfulness", ScoreScale.FRACTION, true, List.of("retrieval_context"),
                "Share of the answer's claims that the retrieved context (retrieval_context, else context) "
                        + "supports, from 0 to 1.",
                "Measure how faithful the answer below is to the retrieved context: the share of the answer's "
                        + "claims that the context supports, as a number from 0 to 1. Use only the context, not "
                        + "your own knowledge.\n"
                        + CONTEXT + ANSWER
                        + "\nHow to judge\n"
                        + "1. List the factual claims the answer makes. Leave out what is not a claim about facts: "
                        + "greetings, questions back to the user, statements that it does not know.\n"
                        + "2. For each claim, decide whether the context supports it: the context states it, or it "
                        + "follows directly from the context. A claim that the context contradicts or does not "
                        + "mention is not supported, even if it is true.\n"
                        + "3. The score is the number of supported claims divided by the number of claims "
                        + "(3 supported of 4 gives 0.75). An answer that makes no factual claim scores 1.\n",
                "the claims, each marked supported or not, briefly, then the count.",
                "a number from 0 to 1: the share of supported claims.",
                Map.of("retrieval_context", "context"));
    }

    static JudgeSpec contextualRelevancy() {
        return builtIn("contextual_relevancy", ScoreScale.FRACTION, true, List.of("query", "retrieval_context"),
                "Share of the retrieved context's (retrieval_context) statements that are relevant to the "
                        + "question (query), from 0 to 1.",
                "Measure how relevant the retrieved context below is to the question: the share of its statements "
                        + "that are useful to answer the question, as a number from 0 to 1.\n"
                        + QUESTION + CONTEXT
                        + "\nHow to judge\n"
                        + "1. Break the retrieved context into its statements: each sentence or clause that says one "
                        + "thing. When the context is a list of passages, cover every passage.\n"
                        + "2. For each statement, decide whether it is relevant: it helps answer the question. "
                        + "Statements about something else are not relevant, even if they are true.\n"
                        + "3. The score is the number of relevant statements divided by the number of statements "
                        + "(2 relevant of 8 gives 0.25).\n",
                "the statements or passages, each marked relevant or not, briefly, then the count.",
                "a number from 0 to 1: the share of relevant statements.");
    }

    /** The static descriptor of {@code judge_adhoc}, before a prompt names its columns. */
    static final MetricDescriptor ADHOC = adhocDescriptor(List.of());

    /**
     * {@code judge_adhoc}: the user's prompt, followed by the reply format. The score is a number from 0
     * to 1, as in EvalAP's examples ("Return 1 if ..., 0 otherwise"); the prompt says what it means.
     */
    static JudgeSpec adhoc(PromptTemplate prompt) {
        List<String> columns = prompt.placeholders().stream().filter(name -> !name.equals("output")).toList();
        String replyFormat = replyFormat(ScoreScale.FRACTION, SHORT_REASON,
                "a number from 0 to 1, as the instructions above define it: 1 when the answer fully meets them, "
                        + "0 when it does not meet them at all (for a yes-or-no question, 1 is yes and 0 is no).");
        return new JudgeSpec(adhocDescriptor(columns), ScoreScale.FRACTION, prompt, replyFormat, Map.of(), true);
    }

    private static MetricDescriptor adhocDescriptor(List<String> columns) {
        return new MetricDescriptor("judge_adhoc", 0, 1, true, columns, true,
                "The judge's score from 0 to 1 for a prompt of your own.");
    }

    private static JudgeSpec builtIn(String name, ScoreScale scale, boolean higherIsBetter, List<String> columns,
                                     String description, String task, String reasonHint, String scoreHint) {
        return builtIn(name, scale, higherIsBetter, columns, description, task, reasonHint, scoreHint, Map.of());
    }

    private static JudgeSpec builtIn(String name, ScoreScale scale, boolean higherIsBetter, List<String> columns,
                                     String description, String task, String reasonHint, String scoreHint,
                                     Map<String, String> fallbacks) {
        MetricDescriptor descriptor = new MetricDescriptor(name, scale.min(), scale.max(), higherIsBetter, columns,
                true, description);
        return new JudgeSpec(descriptor, scale, PromptTemplate.parse(task), replyFormat(scale, reasonHint, scoreHint),
                fallbacks, false);
    }

    /** The closing paragraph of every judge prompt. It must never contain a double brace (a placeholder). */
    static String replyFormat(ScoreScale scale, String reasonHint, String scoreHint) {
        return "Reply with a JSON object\n"
                + "{\"reason\": \"...\", \"score\": " + scale.shape() + "}\n"
                + "- \"reason\": " + reasonHint + "\n"
                + "- \"score\": " + scoreHint + "\n"
                + "Write the reason first, then the score. Reply ONLY with the JSON object: no code fence, no text "
                + "before or after it.\n";
    }

    // The data sits between tags so that an answer with headings or instructions of its own cannot be
    // mistaken for part of the prompt.
    private static String section(String title, String tag, String placeholder) {
        return "\n" + title + "\n<" + tag + ">\n{{ " + placeholder + " }}\n</" + tag + ">\n";
    }

    private JudgePrompts() {
    }
}
