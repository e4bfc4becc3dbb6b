package dev.evalunit.provider;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.http.HttpPipeline;
import org.apiguardian.api.API;

/**
 * A reply that came back but is not an answer: cut at the token limit, filtered, blocked, empty, or refused. Every
 * provider words it here, as a {@link ModelCallException}, so that it becomes an {@code Error} for its
 * row or sample, and is never stored by the response cache (which stores replies, never failures): the
 * next run asks again. The message names the reason as the wire says it, and quotes a refusal's text
 * (scrubbed, cut to 200 characters).
 */
@API(status = INTERNAL, since = "0.1")
public final class NotAnAnswer {

    private static final String NOT_AN_ANSWER = "the reply is not an answer: ";

    private NotAnAnswer() {
    }

    /**
     * The answer stopped at the token limit, e.g. {@code finish_reason "length"}.
     *
     * @param reason the field and value that say so, e.g. {@code finish_reason "length"}
     * @param maxTokensKey the configuration key that raises the limit
     */
    public static ModelCallException cut(HttpPipeline http, String reason, String maxTokensKey) {
        return http.failure(cutText(reason, maxTokensKey));
    }

    /**
     * As {@link #cut(HttpPipeline, String, String)}, for a model called in process (no HTTP pipeline).
     *
     * @param model the name the model is declared under
     */
    public static ModelCallException cut(String model, String reason, String maxTokensKey) {
        return new ModelCallException(prefix(model) + cutText(reason, maxTokensKey));
    }

    /** The provider's content filter withheld the answer, e.g. {@code finish_reason "content_filter"}. */
    public static ModelCallException filtered(HttpPipeline http, String reason) {
        return http.failure(filteredText(reason));
    }

    /** As {@link #filtered(HttpPipeline, String)}, for a model called in process (no HTTP pipeline). */
    public static ModelCallException filtered(String model, String reason) {
        return new ModelCallException(prefix(model) + filteredText(reason));
    }

    private static String cutText(String reason, String maxTokensKey) {
        return NOT_AN_ANSWER + "cut at the token limit (" + reason + "). Raise [" + maxTokensKey
                + "], or ask for a shorter answer.";
    }

    private static String filteredText(String reason) {
        return NOT_AN_ANSWER + "withheld by the provider's content filter (" + reason + ").";
    }

    /**
     * The provider blocked the prompt itself, so no answer was generated, e.g.
     * {@code promptFeedback.blockReason "SAFETY"}.
     */
    public static ModelCallException blocked(HttpPipeline http, String reason) {
        return http.failure(NOT_AN_ANSWER + "the prompt was blocked by the provider (" + reason + ").");
    }

    /** The reply holds no text to read, e.g. no candidates, or a candidate without parts. */
    public static ModelCallException empty(HttpPipeline http, String reason) {
        return http.failure(emptyText(reason));
    }

    /** As {@link #empty(HttpPipeline, String)}, for a model called in process (no HTTP pipeline). */
    public static ModelCallException empty(String model, String reason) {
        return new ModelCallException(prefix(model) + emptyText(reason));
    }

    private static String emptyText(String reason) {
        return NOT_AN_ANSWER + "it holds no text (" + reason + ").";
    }

    // As HttpPipeline#failure words the model.
    private static String prefix(String model) {
        return "model [" + model + "]: ";
    }

    /**
     * The model refused to answer.
     *
     * @param reason the field that says so, e.g. {@code message.refusal}
     * @param text what the model said, quoted when not blank
     */
    public static ModelCallException refused(HttpPipeline http, String reason, String text) {
        String quoted = text == null || text.isBlank() ? "" : ": \"" + http.excerpt(text) + "\"";
        return http.failure(NOT_AN_ANSWER + "the model refused (" + reason + ")" + quoted);
    }
}
