package dev.evalunit.samples.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Speaks Anthropic's Messages API for the stand-in: {@code POST /v1/messages}, answered by
 * {@link ScriptedReplies}. A request that forces a tool ({@code tool_choice}, as the autorater's
 * structured output does) gets the verdict as a {@code tool_use} block's {@code input}; any other a
 * text block. Token counts are word counts. Anything else is a 404 (or a 400 for an unreadable body)
 * with a Messages-style error object. Stateless, so concurrent calls are safe.
 */
public final class MessagesDispatcher extends Dispatcher {

    static final String PATH = "/v1/messages";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (!"POST".equals(request.getMethod()) || !PATH.equals(path)) {
            return error(404, "not_found_error", "The stand-in answers POST " + PATH + " only, not "
                    + request.getMethod() + " " + path + ".");
        }
        try {
            return message(JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8()));
        } catch (IOException | IllegalArgumentException e) {
            return error(400, "invalid_request_error", "The stand-in could not read the request: " + e.getMessage());
        }
    }

    private static MockResponse message(JsonNode body) throws IOException {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("it has no messages");
        }
        String system = body.path("system").asText("");
        String user = messages.get(messages.size() - 1).path("content").asText("");
        String content = ScriptedReplies.reply(system, user);
        JsonNode tool = body.path("tool_choice").path("name");

        ObjectNode reply = JSON.createObjectNode().put("id", "msg_stand_in").put("type", "message")
                .put("role", "assistant").put("model", body.path("model").asText("stand-in"));
        ObjectNode block = reply.putArray("content").addObject();
        if (tool.isTextual()) {
            block.put("type", "tool_use").put("id", "toolu_stand_in").put("name", tool.asText());
            block.set("input", JSON.readTree(content));
        } else {
            block.put("type", "text").put("text", content);
        }
        reply.put("stop_reason", tool.isTextual() ? "tool_use" : "end_turn").putNull("stop_sequence");
        reply.putObject("usage").put("input_tokens", ContentWords.count(system) + ContentWords.count(user))
                .put("output_tokens", ContentWords.count(content));
        return json(200, reply);
    }

    private static MockResponse error(int code, String type, String message) {
        ObjectNode error = JSON.createObjectNode().put("type", "error");
        error.putObject("error").put("type", type).put("message", message);
        return json(code, error);
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body.toString()).build();
    }
}
