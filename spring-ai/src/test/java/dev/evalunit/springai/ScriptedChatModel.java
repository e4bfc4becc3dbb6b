package dev.evalunit.springai;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * A hand-written Spring AI chat model with deterministic answers: a question gets its known answer; an
 * autorater prompt gets the verdict for whichever shown answer is right; a judge metric's prompt gets
 * score 1 when the answer holds the expected one. Declared by class ({@code evalunit.models.NAME.class}).
 */
public class ScriptedChatModel implements ChatModel {

    /** Every prompt any instance received, in order. */
    public static final Queue<Prompt> PROMPTS = new ConcurrentLinkedQueue<>();

    private static final Pattern SECTION = Pattern.compile("<(response_a|response_b|answer|expected_answer)>\\n(.*?)\\n</\\1>",
            Pattern.DOTALL);

    private final String finishReason;

    public ScriptedChatModel() {
        this("STOP");
    }

    ScriptedChatModel(String finishReason) {
        this.finishReason = finishReason;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        PROMPTS.add(prompt);
        String text = lastUserText(prompt);
        Generation generation = new Generation(new AssistantMessage(answer(text)),
                ChatGenerationMetadata.builder().finishReason(finishReason).build());
        return new ChatResponse(List.of(generation),
                ChatResponseMetadata.builder().usage(new DefaultUsage(text.length(), 3)).build());
    }

    static String answer(String prompt) {
        String shownA = section(prompt, "response_a");
        if (shownA != null) {
            String choice = isRight(shownA) ? "A" : isRight(section(prompt, "response_b")) ? "B" : "TIE";
            return "{\"explanation\": \"the right answer wins\", \"choice\": \"" + choice + "\"}";
        }
        String answer = section(prompt, "answer");
        if (answer != null) {
            boolean holds = answer.contains(section(prompt, "expected_answer"));
            return "{\"explanation\": \"" + (holds ? "it holds" : "it lacks") + " the expected answer\", \"score\": "
                    + (holds ? 1 : 0) + "}";
        }
        return prompt.contains("France") ? "Paris" : prompt.contains("spider") ? "eight" : "I do not know";
    }

    private static boolean isRight(String answer) {
        return answer.equals("Paris") || answer.equals("eight");
    }

    private static String section(String prompt, String tag) {
        Matcher m = SECTION.matcher(prompt);
        while (m.find()) {
            if (m.group(1).equals(tag)) {
                return m.group(2).strip();
            }
        }
        return null;
    }

    static String lastUserText(Prompt prompt) {
        String text = "";
        for (Message message : prompt.getInstructions()) {
            if (message.getMessageType() == MessageType.USER) {
                text = message.getText();
            }
        }
        return text;
    }
}
