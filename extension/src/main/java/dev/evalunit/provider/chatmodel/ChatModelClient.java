package dev.evalunit.provider.chatmodel;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.api.spi.ModelSpec;
import dev.evalunit.api.spi.ModelUnusableException;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.json.JsonValueText;
import dev.evalunit.json.LastMapText;
import dev.evalunit.provider.NotAnAnswer;
import dev.evalunit.provider.SystemText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A client of a framework's chat model called in process. A subclass maps evalunit's request to the
 * framework's and the framework's reply to an {@link Answer}; this class times the call, turns what the
 * framework throws into a {@link ModelCallException} (an {@code Error} row), and a reply cut at the token
 * limit, filtered or empty into the engine's "not an answer" error, which the cache never stores; an
 * exception that says no call can succeed stops the evaluation ({@link #isUnusable}).
 */
@API(status = INTERNAL, since = "0.1")
public abstract class ChatModelClient implements ModelClient {

    /** The sampling parameters a chat model takes, under their names in {@link ModelSpec#samplingParams()}. */
    static final String TEMPERATURE = "temperature";
    static final String TOP_P = "top_p";
    static final String MAX_TOKENS = "max_tokens";
    private static final int LONGEST_MESSAGE = 300;

    private final String name;
    private final String systemPrompt;
    private final String maxTokensKey;
    private final Double temperature;
    private final Double topP;
    private final Integer maxTokens;
    private final LastMapText schemas = new LastMapText(JsonValueText::compact);

    protected ChatModelClient(ModelSpec spec) {
        this.name = spec.name();
        this.systemPrompt = spec.systemPrompt();
        this.maxTokensKey = ConfigKeys.modelKey(spec.name(), ConfigKeys.ModelKeys.MAX_TOKENS);
        Map<String, Object> sampling = spec.samplingParams();
        this.temperature = sampling.get(TEMPERATURE) instanceof Number n ? n.doubleValue() : null;
        this.topP = sampling.get(TOP_P) instanceof Number n ? n.doubleValue() : null;
        this.maxTokens = sampling.get(MAX_TOKENS) instanceof Number n ? n.intValue() : null;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ModelReply complete(ModelRequest request) throws ModelCallException {
        long start = System.nanoTime();
        Answer answer;
        try {
            answer = call(request);
        } catch (RuntimeException e) {
            if (isFiltered(e)) {
                throw NotAnAnswer.filtered(name, describe(e));
            }
            if (isUnusable(e)) {
                throw new ModelUnusableException("model [" + name + "]: the chat model cannot answer any request: "
                        + describe(e) + ". Check the key and the model name that its factory or class gives it.");
            }
            throw new ModelCallException("model [" + name + "]: the chat model failed: " + describe(e), e);
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        switch (answer.finish()) {
            case CUT -> throw NotAnAnswer.cut(name, answer.reason(), maxTokensKey);
            case FILTERED -> throw NotAnAnswer.filtered(name, answer.reason());
            default -> {
                if (answer.text() == null || answer.text().isBlank()) {
                    throw NotAnAnswer.empty(name, answer.reason() == null ? "no text" : answer.reason());
                }
            }
        }
        return new ModelReply(answer.text(), answer.promptTokens(), answer.completionTokens(), latency);
    }

    /** Calls the chat model once; whatever it throws fails this call only. */
    protected abstract Answer call(ModelRequest request);

    /**
     * Whether {@code e} says that no call can succeed (a refused key, an unknown model): the evaluation that
     * uses the model then stops at once ({@link ModelUnusableException}). No by default.
     */
    protected boolean isUnusable(RuntimeException e) {
        return false;
    }

    /** Whether {@code e} says that a content filter withheld the answer. No by default. */
    protected boolean isFiltered(RuntimeException e) {
        return false;
    }

    /**
     * The framework's messages for {@code request}: the system prompt and the request's system messages as one
     * system message ({@link SystemText}), then the user and assistant turns, in order.
     */
    protected final <T> List<T> messages(ModelRequest request, Function<String, T> system, Function<String, T> user,
                                         Function<String, T> assistant) {
        List<T> messages = new ArrayList<>(request.messages().size() + 1);
        String systemText = SystemText.of(systemPrompt, request);
        if (systemText != null) {
            messages.add(system.apply(systemText));
        }
        for (ChatMessage message : request.messages()) {
            if (!SystemText.isSystem(message)) {
                messages.add(("assistant".equals(message.role()) ? assistant : user).apply(message.content()));
            }
        }
        return messages;
    }

    /** The request's JSON schema as JSON text (written once for a run of requests with the same schema). */
    protected final String schemaJson(ModelRequest request) {
        return schemas.of(request.responseSchema());
    }

    /** The model's {@code temperature}, or {@code null} when not set. */
    protected final Double temperature() {
        return temperature;
    }

    /** The model's {@code top_p}, or {@code null} when not set. */
    protected final Double topP() {
        return topP;
    }

    /** The model's {@code max_tokens}, or {@code null} when not set. */
    protected final Integer maxTokens() {
        return maxTokens;
    }

    // One line, and short: a framework's message may carry a whole HTTP body.
    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s+", " ").strip();
        String text = e.getClass().getSimpleName() + message;
        return text.length() <= LONGEST_MESSAGE ? text : text.substring(0, LONGEST_MESSAGE) + "… (" + text.length()
                + " characters)";
    }

    /** How a reply ended, as far as evalunit tells answers apart. */
    public enum Finish {
        /** A whole answer, or a reason the framework does not say. */
        COMPLETE,
        /** Stopped at the token limit. */
        CUT,
        /** Withheld by a content filter. */
        FILTERED
    }

    /**
     * What the framework replied.
     *
     * @param text the answer's text, or {@code null}
     * @param promptTokens input tokens, or {@code null} when not reported
     * @param completionTokens output tokens, or {@code null} when not reported
     * @param finish how it ended
     * @param reason the finish reason as the framework says it, e.g. {@code finishReason LENGTH}, or {@code null}
     */
    public record Answer(String text, Integer promptTokens, Integer completionTokens, Finish finish, String reason) {
    }
}
