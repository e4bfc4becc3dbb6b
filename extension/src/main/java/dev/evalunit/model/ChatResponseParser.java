package dev.evalunit.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the answer and the token usage out of an OpenAI chat-completions response body. */
final class ChatResponseParser {

    /** What a successful response says; token counts are {@code null} when not reported. */
    record ChatCompletion(String text, Integer promptTokens, Integer completionTokens) {
    }

    /** The body is not a usable reply; the message says what is wrong, in a sentence fragment. */
    static final class MalformedReplyException extends Exception {
        private final boolean worthQuoting;

        MalformedReplyException(String message, boolean worthQuoting) {
            super(message);
            this.worthQuoting = worthQuoting;
        }

        /** Whether the body itself would help the reader: true when it is not JSON at all. */
        boolean worthQuoting() {
            return worthQuoting;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatResponseParser() {
    }

    static ChatCompletion parse(String body) throws MalformedReplyException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedReplyException("the reply is not JSON", true);
        }
        JsonNode content = root == null ? null : root.path("choices").path(0).path("message").path("content");
        if (content == null || !content.isTextual()) {
            throw new MalformedReplyException("the reply has no choices[0].message.content", false);
        }
        JsonNode usage = root.path("usage");
        return new ChatCompletion(content.asText(), count(usage.path("prompt_tokens")),
                count(usage.path("completion_tokens")));
    }

    private static Integer count(JsonNode node) {
        return node.canConvertToInt() && node.isIntegralNumber() ? node.intValue() : null;
    }
}
