package dev.evalunit.prompt;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.Task;
import org.apiguardian.api.API;

/**
 * The instruction that replaces {@code {{ default_instruction }}}, one per task. Each asks for what the
 * autorater's criteria for that task reward, so a model prompted with it is judged on what it was told.
 * The README quotes these texts; change both together.
 */
@API(status = INTERNAL, since = "0.1")
public final class DefaultInstructions {

    /** The reserved placeholder name. */
    public static final String PLACEHOLDER = "default_instruction";

    private DefaultInstructions() {}

    public static String forTask(Task task) {
        // No default branch: a new task must not compile until it has an instruction.
        return switch (task) {
            case QUESTION_ANSWERING -> "Answer the question fully and directly, using only information from the context. "
                    + "If the context does not contain the answer, say so.";
            case SUMMARIZATION -> "Summarize the text concisely, capturing its key points. "
                    + "Use only information from the text.";
        };
    }
}
