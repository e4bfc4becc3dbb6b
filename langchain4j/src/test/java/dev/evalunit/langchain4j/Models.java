package dev.evalunit.langchain4j;

import dev.langchain4j.model.chat.ChatModel;

/** Chat models as a team's code would build them, named by {@code evalunit.models.NAME.factory}. */
public final class Models {

    private Models() {
    }

    /** The system under test: in a real project, the application's own ChatModel bean or builder. */
    public static ChatModel candidate() {
        return new ScriptedChatModel();
    }

    /** Not static: a factory must be. */
    public ChatModel notStatic() {
        return new ScriptedChatModel();
    }

    /** Not a chat model. */
    public static String wrongType() {
        return "not a model";
    }

    /** Fails when the engine asks for the model. */
    public static ChatModel failing() {
        throw new IllegalStateException("no API key in this environment");
    }
}
