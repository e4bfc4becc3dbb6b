package dev.evalunit.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written LangChain4j chat model with deterministic answers: a question gets its known answer; an
 * autorater prompt gets the verdict for whichever shown answer is right; a judge metric's prompt gets
 * score 1 when the answer holds the expected one. Declared by class ({@code evalunit.models.NAME.class}).
 */
public class ScriptedChatModel implements ChatModel {

    /** Every request any instance received, in order. */
    public static final Queue<ChatRequest> REQUESTS = new ConcurrentLinkedQueue<>();

    private static final Pattern SECTION = Pattern.compile("<(response_a|response_b|answer|expected_answer)>\\n(.*?)\\n</\\1>",
            Pattern.DOTALL);

    @Override
    public ChatResponse doChat(ChatRequest request) {
        REQUESTS.add(request);
        String prompt = lastUserText(request);
        return ChatResponse.builder().aiMessage(AiMessage.from(answer(prompt)))
                .tokenUsage(new TokenUsage(prompt.length(), 3)).finishReason(FinishReason.STOP).build();
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

    static String lastUserText(ChatRequest request) {
        String text = "";
        for (ChatMessage message : request.messages()) {
            if (message instanceof UserMessage user) {
                text = user.singleText();
            }
        }
        return text;
    }
}
