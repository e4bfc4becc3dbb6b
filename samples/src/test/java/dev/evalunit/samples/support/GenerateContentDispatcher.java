package dev.evalunit.samples.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Speaks Gemini's {@code generateContent} (Google AI) for the stand-in:
 * {@code POST /v1beta/models/{model}:generateContent}, answered by {@link ScriptedReplies} as one
 * candidate whose only part is the text (a verdict is JSON text, as {@code responseMimeType}
 * {@code application/json} asks). Token counts are word counts. Anything else is a 404 (or a 400 for an
 * unreadable body) with a Google-style error object. Stateless, so concurrent calls are safe.
 */
public final class GenerateContentDispatcher extends Dispatcher {

    private static final Pattern PATH = Pattern.compile("/v1beta/models/([^/:]+):generateContent");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        Matcher model = PATH.matcher(path);
        if (!"POST".equals(request.getMethod()) || !model.matches()) {
            return error(404, "NOT_FOUND", "The stand-in answers POST /v1beta/models/{model}:generateContent only, not "
                    + request.getMethod() + " " + path + ".");
        }
        try {
            return generated(JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8()), model.group(1));
        } catch (IOException | IllegalArgumentException e) {
            return error(400, "INVALID_ARGUMENT", "The stand-in could not read the request: " + e.getMessage());
        }
    }

    private static MockResponse generated(JsonNode body, String model) {
        JsonNode contents = body.path("contents");
        if (!contents.isArray() || contents.isEmpty()) {
            throw new IllegalArgumentException("it has no contents");
        }
        String system = body.path("systemInstruction").path("parts").path(0).path("text").asText("");
        String user = contents.get(contents.size() - 1).path("parts").path(0).path("text").asText("");
        String content = ScriptedReplies.reply(system, user);

        ObjectNode reply = JSON.createObjectNode();
        ObjectNode candidate = reply.putArray("candidates").addObject();
        ObjectNode parts = candidate.putObject("content");
        parts.putArray("parts").addObject().put("text", content);
        parts.put("role", "model");
        candidate.put("finishReason", "STOP").put("index", 0);
        int prompt = ContentWords.count(system) + ContentWords.count(user);
        int output = ContentWords.count(content);
        reply.putObject("usageMetadata").put("promptTokenCount", prompt).put("candidatesTokenCount", output)
                .put("totalTokenCount", prompt + output);
        reply.put("modelVersion", model);
        return json(200, reply);
    }

    private static MockResponse error(int code, String status, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("code", code).put("message", message).put("status", status);
        return json(code, error);
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body.toString()).build();
    }
}
