package dev.evalunit.springai;

import org.springframework.ai.chat.prompt.ChatOptions;

/** The scripted model, with default options that take an output schema (model {@code judge-v1}, temperature 0.7). */
public class SchemaChatModel extends ScriptedChatModel {

    @Override
    public ChatOptions getDefaultOptions() {
        SchemaOptions options = new SchemaOptions();
        options.setModel("judge-v1");
        options.setTemperature(0.7);
        return options;
    }
}
