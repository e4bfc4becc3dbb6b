package dev.evalunit.springai;

import org.springframework.ai.chat.model.ChatModel;

/** Chat models as a team's code would build them, named by {@code evalunit.models.NAME.factory}. */
public final class Models {

    private Models() {
    }

    /** The system under test: in a real project, the application's own ChatModel bean or builder. */
    public static ChatModel candidate() {
        return new ScriptedChatModel();
    }

    /** A model whose every answer stops at the token limit, as OpenAI's says it. */
    public static ChatModel truncating() {
        return new ScriptedChatModel("LENGTH");
    }

    /** Not static: a factory must be. */
    public ChatModel notStatic() {
        return new ScriptedChatModel();
    }

    /** Not a chat model. */
    public static String wrongType() {
        return "not a model";
    }
}
