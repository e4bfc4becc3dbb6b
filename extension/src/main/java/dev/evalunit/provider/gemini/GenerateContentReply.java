package dev.evalunit.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evalunit.provider.ReplyJson;
import java.util.Optional;

/**
 * What a {@code generateContent} reply says, of its first candidate: the text of its
 * {@code content.parts} joined (thought summaries, parts marked {@code "thought": true}, left out), its
 * {@code finishReason}, the prompt's {@code promptFeedback.blockReason}, and the {@code usageMetadata}.
 *
 * @param text the parts' texts joined, or {@code null} when there is none (no part, or no text in them)
 * @param finishReason e.g. {@code STOP}, {@code MAX_TOKENS}, {@code SAFETY}; or {@code null}
 * @param blockReason e.g. {@code SAFETY}, {@code PROHIBITED_CONTENT}, when the prompt was blocked; else {@code null}
 * @param hasCandidate whether {@code candidates} holds at least one candidate
 * @param promptTokens {@code promptTokenCount} (cached tokens included), or {@code null}
 * @param outputTokens {@code candidatesTokenCount} plus {@code thoughtsTokenCount}, both billed as
 *     output; {@code null} when not reported
 */
record GenerateContentReply(String text, String finishReason, String blockReason, boolean hasCandidate,
                            Integer promptTokens, Integer outputTokens) {

    /** The reply in {@code body}; empty when the body is not a JSON object. */
    static Optional<GenerateContentReply> parse(String body) {
        return ReplyJson.object(body).map(GenerateContentReply::of);
    }

    private static GenerateContentReply of(JsonNode root) {
        JsonNode candidate = root.path("candidates").path(0);
        StringBuilder text = null;
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
                text = (text == null ? new StringBuilder() : text).append(part.path("text").asText());
            }
        }
        JsonNode usage = root.path("usageMetadata");
        return new GenerateContentReply(text == null ? null : text.toString(),
                textual(candidate.path("finishReason")), textual(root.path("promptFeedback").path("blockReason")),
                candidate.isObject(), ReplyJson.count(usage.path("promptTokenCount")), outputTokens(usage));
    }

    private static Integer outputTokens(JsonNode usage) {
        Integer candidates = ReplyJson.count(usage.path("candidatesTokenCount"));
        Integer thoughts = ReplyJson.count(usage.path("thoughtsTokenCount"));
        if (candidates == null && thoughts == null) {
            return null;
        }
        long all = (long) (candidates == null ? 0 : candidates) + (thoughts == null ? 0 : thoughts);
        return all > Integer.MAX_VALUE ? null : (int) all;
    }

    private static String textual(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

}
