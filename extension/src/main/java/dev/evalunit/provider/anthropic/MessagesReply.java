package dev.evalunit.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalunit.provider.ReplyJson;
import java.util.Optional;

/**
 * What a Messages API reply says: its text blocks joined, the {@code input} of its {@code tool_use}
 * block (compact JSON), its {@code stop_reason} and its {@code usage}.
 *
 * @param text the {@code text} blocks' texts joined, or {@code null} when there is none
 * @param toolInput the first {@code tool_use} block's {@code input} as JSON text, or {@code null}
 * @param stopReason e.g. {@code end_turn}, {@code max_tokens}, {@code tool_use}, {@code refusal}; or {@code null}
 * @param inputTokens every input token: {@code input_tokens} plus the cache's creation and read
 *     tokens; {@code null} when not reported
 * @param outputTokens {@code output_tokens}, or {@code null}
 */
record MessagesReply(String text, String toolInput, String stopReason, Integer inputTokens, Integer outputTokens) {

    /** The reply in {@code body}; empty when the body is not a JSON object. */
    static Optional<MessagesReply> parse(String body) {
        return ReplyJson.object(body).map(MessagesReply::of);
    }

    private static MessagesReply of(JsonNode root) {
        StringBuilder text = null;
        String toolInput = null;
        for (JsonNode block : root.path("content")) {
            String type = block.path("type").asText();
            if ("text".equals(type) && block.path("text").isTextual()) {
                text = (text == null ? new StringBuilder() : text).append(block.path("text").asText());
            } else if ("tool_use".equals(type) && toolInput == null && block.has("input")) {
                toolInput = block.get("input").toString();
            }
        }
        JsonNode stop = root.path("stop_reason");
        JsonNode usage = root.path("usage");
        return new MessagesReply(text == null ? null : text.toString(), toolInput,
                stop.isTextual() ? stop.asText() : null, inputTokens(usage), ReplyJson.count(usage.path("output_tokens")));
    }

    private static Integer inputTokens(JsonNode usage) {
        Integer input = ReplyJson.count(usage.path("input_tokens"));
        if (input == null) {
            return null;
        }
        long all = (long) input + orZero(ReplyJson.count(usage.path("cache_creation_input_tokens")))
                + orZero(ReplyJson.count(usage.path("cache_read_input_tokens")));
        return all > Integer.MAX_VALUE ? null : (int) all;
    }

    private static long orZero(Integer count) {
        return count == null ? 0 : count;
    }

}
