package dev.evalunit.samples.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Speaks OpenAI's chat-completions protocol for the stand-in: {@code POST /v1/chat/completions}
 * is answered by {@link ScriptedJudge} when the system message is the autorater's, by
 * {@link ScriptedAnswerer} otherwise; token counts are word counts. Anything else is a 404 (or a
 * 400 for an unreadable body) with an OpenAI-style error object. Stateless, so concurrent calls are safe.
 */
final class ChatCompletionsDispatcher extends Dispatcher {

    static final String PATH = "/v1/chat/completions";
    private static final String JUDGE_SYSTEM_MESSAGE = "You are an impartial judge";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicLong ids = new AtomicLong();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (!"POST".equals(request.getMethod()) || !PATH.equals(path)) {
            return error(404, "not_found", "The stand-in model server answers POST " + PATH + " only, not "
                    + request.getMethod() + " " + path + ".");
        }
        try {
            JsonNode body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
            return completion(body);
        } catch (IOException | IllegalArgumentException e) {
            return error(400, "invalid_request_error", "The stand-in could not read the request: " + e.getMessage());
        }
    }

    private MockResponse completion(JsonNode body) throws IOException {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("it has no messages");
        }
        String system = "";
        String user = "";
        int promptTokens = 0;
        for (JsonNode message : messages) {
            String content = message.path("content").asText("");
            promptTokens += ContentWords.count(content);
            switch (message.path("role").asText()) {
                case "system" -> system = content;
                case "user" -> user = content;
                default -> { }
            }
        }
        String content;
        if (system.startsWith(JUDGE_SYSTEM_MESSAGE)) {
            ScriptedJudge.Verdict verdict = ScriptedJudge.judge(user);
            content = JSON.writeValueAsString(JSON.createObjectNode()
                    .put("explanation", verdict.explanation()).put("choice", verdict.choice()));
        } else {
            content = ScriptedAnswerer.answer(user);
        }
        int completionTokens = ContentWords.count(content);

        ObjectNode reply = JSON.createObjectNode()
                .put("id", "chatcmpl-stand-in-" + ids.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", 0)
                .put("model", body.path("model").asText("stand-in"));
        ObjectNode choice = reply.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        reply.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return json(200, reply);
    }

    private static MockResponse error(int code, String type, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message).put("type", type).putNull("param").put("code", type);
        return json(code, error);
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse.Builder().code(code)
                .addHeader("Content-Type", "application/json")
                .body(body.toString())
                .build();
    }
}
