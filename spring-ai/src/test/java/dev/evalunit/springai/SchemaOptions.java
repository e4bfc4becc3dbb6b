package dev.evalunit.springai;

import java.util.List;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;

/** Options that take an output schema, as a Spring AI model's own options class does (OpenAI's, for one). */
public class SchemaOptions implements StructuredOutputChatOptions {

    private String model;
    private Double temperature;
    private Double topP;
    private Integer maxTokens;
    private String outputSchema;

    @Override
    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    @Override
    public Double getTemperature() {
        return temperature;
    }

    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    @Override
    public Double getTopP() {
        return topP;
    }

    public void setTopP(Double topP) {
        this.topP = topP;
    }

    @Override
    public Integer getMaxTokens() {
        return maxTokens;
    }

    public void setMaxTokens(Integer maxTokens) {
        this.maxTokens = maxTokens;
    }

    @Override
    public String getOutputSchema() {
        return outputSchema;
    }

    @Override
    public void setOutputSchema(String outputSchema) {
        this.outputSchema = outputSchema;
    }

    @Override
    public Double getFrequencyPenalty() {
        return null;
    }

    @Override
    public Double getPresencePenalty() {
        return null;
    }

    @Override
    public List<String> getStopSequences() {
        return null;
    }

    @Override
    public Integer getTopK() {
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends ChatOptions> T copy() {
        SchemaOptions copy = new SchemaOptions();
        copy.setModel(model);
        copy.setTemperature(temperature);
        copy.setTopP(topP);
        copy.setMaxTokens(maxTokens);
        copy.setOutputSchema(outputSchema);
        return (T) copy;
    }
}
