package dev.evalunit.autorater;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.json.JsonSchemas;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The messages the autorater sends to the judge model, following Vertex AI AutoSxS: the judge
 * rates both answers on the task's four criteria, then picks one, and replies with a JSON verdict.
 */
@API(status = INTERNAL, since = "0.1")
public final class AutoraterPrompts {

    /** The name of {@link #responseSchema()} for structured-output APIs. */
    public static final String SCHEMA_NAME = "pairwise_verdict";

    /**
     * The system message of every autorater call. Scripted test servers recognise autorater calls
     * by its first words, {@code You are an impartial judge}: keep them.
     */
    public static final String SYSTEM_MESSAGE = "You are an impartial judge of the quality of AI-generated "
            + "responses. You compare two responses to the same request and decide which one is better, "
            + "judging only on the criteria you are given. The order in which the responses are shown, "
            + "their labels and their length beyond what the criteria ask must not influence you. "
            + "You reply only with the JSON object you are asked for.";

    /**
     * A line of every autorater user prompt (a whole line of its own). Scripted test servers
     * recognise autorater calls by it: keep it.
     */
    public static final String REPLY_MARKER = "Reply with a JSON object";

    /** How the note that {@link #reask} appends begins. */
    public static final String REASK_NOTE = "Your previous reply to this request held no verdict";

    /**
     * The user prompt of the {@code ask}-th re-ask (from 1) of a judge whose reply held no verdict: the
     * prompt with a note that names the re-ask, so that every re-ask is a request of its own and a response
     * cache does not hand back the same prose.
     */
    public static String reask(String prompt, int ask) {
        return prompt + "\n\n" + REASK_NOTE + " (re-ask " + ask + "). " + REPLY_MARKER + " only, as asked above.";
    }

    private static final String NO_CONTEXT = "(no context was given: judge groundedness against the instruction alone)";

    /**
     * The user prompt for one autorater call.
     *
     * @param position {@code AB} shows the input's A as "Response A"; {@code BA} shows the input's B
     *     as "Response A" and its A as "Response B"
     */
    public static String render(Task task, AutoraterInput input, Position position) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(position, "position");
        String shownA = position == Position.AB ? input.responseA() : input.responseB();
        String shownB = position == Position.AB ? input.responseB() : input.responseA();
        TaskWording wording = TaskWording.of(task);

        // Sized for the fixed wording and the four texts, so that it is not copied as it grows.
        StringBuilder prompt = new StringBuilder(2048 + length(input.instruction()) + length(input.context())
                + length(shownA) + length(shownB));
        prompt.append("Compare two responses to a ").append(wording.name)
                .append(" task and decide which one is better.\n")
                .append(wording.setting).append(" Response A and Response B are shown in no particular order.\n");

        prompt.append("\nCriteria\n")
                .append("Judge both responses on each of these criteria:\n");
        List<String> criteria = wording.criteria;
        for (int i = 0; i < criteria.size(); i++) {
            prompt.append(i + 1).append(". ").append(criteria.get(i)).append('\n');
        }

        section(prompt, "Instruction", "instruction", orEmpty(input.instruction()));
        String context = input.context() == null || input.context().isBlank() ? NO_CONTEXT : input.context();
        section(prompt, "Context", "context", context);
        section(prompt, "Response A", "response_a", orEmpty(shownA));
        section(prompt, "Response B", "response_b", orEmpty(shownB));

        prompt.append("\nHow to judge\n")
                .append("1. Read the instruction and the context.\n")
                .append("2. For each criterion, compare Response A with Response B and note which one does "
                        + "better, or that they do equally well.\n")
                .append("3. Weigh the criteria together and choose the better response overall. Choose TIE only "
                        + "if neither response is better on balance.\n")
                .append("4. Judge the content only: which response is shown first, the labels and the length "
                        + "beyond what the criteria ask must not affect your choice.\n");

        prompt.append('\n').append(REPLY_MARKER).append('\n')
                .append("{\"explanation\": \"...\", \"choice\": \"A\" | \"B\" | \"TIE\"}\n")
                .append("- \"explanation\": a short paragraph: how the responses compare on each criterion, "
                        + "then why you chose.\n")
                .append("- \"choice\": \"A\" if Response A is better, \"B\" if Response B is better, "
                        + "\"TIE\" if they are equally good.\n")
                .append("Write the explanation first, then the choice. Reply ONLY with the JSON object: "
                        + "no code fence, no text before or after it.\n");
        return prompt.toString();
    }

    /**
     * The JSON schema of the verdict: {@code {"explanation": string, "choice": "A" | "B" | "TIE"}},
     * both required, nothing else. The properties keep the explanation first so that models which
     * generate in schema order reason before they choose.
     */
    public static Map<String, Object> responseSchema() {
        Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        properties.put("explanation", Map.of("type", "string"));
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("type", "string");
        choice.put("enum", List.of("A", "B", "TIE"));
        properties.put("choice", choice);
        return JsonSchemas.strictObject(properties);
    }

    // The data sits between tags so that an answer containing headings or instructions of its own
    // cannot be mistaken for part of the prompt.
    private static void section(StringBuilder prompt, String title, String tag, String content) {
        prompt.append('\n').append(title).append('\n')
                .append('<').append(tag).append(">\n")
                .append(content.strip()).append('\n')
                .append("</").append(tag).append(">\n");
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** The task-specific part of the prompt: the four criteria of docs/pairwise.md, worded for the judge. */
    private record TaskWording(String name, String setting, List<String> criteria) {
        static TaskWording of(Task task) {
            return switch (task) {
                case SUMMARIZATION -> new TaskWording("summarization",
                        "Both responses are summaries written for the instruction below, from the context below.",
                        List.of(
                                "Follows the instruction: the summary does what the instruction asks, "
                                        + "including any focus, format, length or audience it specifies.",
                                "Grounded: the summary contains only information from the context and the "
                                        + "instruction; it invents nothing and adds no outside knowledge.",
                                "Comprehensive: the summary captures the key details of the context that "
                                        + "the instruction asks for.",
                                "Concise: the summary is not verbose (no repetition, filler or unrequested "
                                        + "detail) and not so short that it leaves out what matters."));
                case QUESTION_ANSWERING -> new TaskWording("question answering",
                        "Both responses answer the question in the instruction below, using the context below.",
                        List.of(
                                "Fully answers the question: the response answers every part of the question "
                                        + "completely.",
                                "Grounded: the response contains only information from the context and the "
                                        + "instruction; it invents nothing and adds no outside knowledge. If the "
                                        + "context does not hold the answer, saying so is better than guessing.",
                                "Relevant: the response stays on the question; it contains nothing off-topic.",
                                "Comprehensive: the response captures the key details the question asks for."));
            };
        }
    }

    private AutoraterPrompts() {
    }
}
