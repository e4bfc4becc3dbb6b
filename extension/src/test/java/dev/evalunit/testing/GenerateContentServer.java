package dev.evalunit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stand-in for Gemini's {@code generateContent} on loopback, as Google AI serves it
 * ({@code POST /v1beta/models/{model}:generateContent}) and as Vertex AI does
 * ({@code POST /v1/projects/{p}/locations/{l}/publishers/google/models/{model}:generateContent}),
 * answered in the reference's shape: one candidate whose {@code content.parts} hold the handler's text,
 * with {@code finishReason}, {@code safetyRatings} and {@code usageMetadata}; or, for a blocked prompt,
 * {@code promptFeedback.blockReason} and no candidates. Every request is recorded with its path and its
 * {@code x-goog-api-key} and {@code Authorization} headers.
 */
public final class GenerateContentServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile(
            "/(?:v1beta/models|v1/projects/[^/]+/locations/[^/]+/publishers/google/models)/([^/:]+):generateContent");

    /**
     * What the stand-in answers: a text and its {@code finishReason} ({@code null}: {@code STOP}), or a
     * prompt blocked for {@code blockReason}.
     */
    public record Answer(String text, String finishReason, String blockReason) {
        public static Answer of(String text) {
            return new Answer(text, null, null);
        }

        public static Answer finished(String text, String finishReason) {
            return new Answer(text, finishReason, null);
        }

        public static Answer blocked(String blockReason) {
            return new Answer(null, null, blockReason);
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> apiKeys = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private GenerateContentServer(Function<ChatServer.Call, Answer> handler) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Matcher path = PATH.matcher(request.getUrl().encodedPath());
                if (!path.matches()) {
                    return error(404, "NOT_FOUND", "Not found: " + request.getUrl().encodedPath());
                }
                try {
                    JsonNode body = JSON.readTree(request.getBody().utf8());
                    requests.add(body);
                    paths.add(request.getUrl().encodedPath());
                    apiKeys.add(String.valueOf(request.getHeaders().get("x-goog-api-key")));
                    authorizations.add(String.valueOf(request.getHeaders().get("Authorization")));
                    JsonNode contents = body.path("contents");
                    if (!contents.isArray() || contents.isEmpty()) {
                        return error(400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified");
                    }
                    JsonNode schema = body.path("generationConfig").path("responseJsonSchema");
                    ChatServer.Call call = new ChatServer.Call(path.group(1),
                            body.path("systemInstruction").path("parts").path(0).path("text").asText(""),
                            contents.get(contents.size() - 1).path("parts").path(0).path("text").asText(),
                            schema.isMissingNode() ? null : "schema");
                    return reply(handler.apply(call), path.group(1));
                } catch (IOException | RuntimeException e) {
                    return error(500, "INTERNAL", String.valueOf(e));
                }
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server that answers every call with {@code handler}. */
    public static GenerateContentServer start(Function<ChatServer.Call, Answer> handler) {
        return new GenerateContentServer(handler);
    }

    /** Generation calls by {@code generator}, autorater calls by {@code judge}, as {@link ChatServer} does. */
    public static GenerateContentServer start(Function<String, String> generator,
                                              Function<ChatServer.JudgeCall, String> judge) {
        return new GenerateContentServer(call -> Answer.of(call.isAutorater()
                ? judge.apply(ChatServer.judgeCall(call.user())) : generator.apply(call.user())));
    }

    /** The base URL a model declares: the server's root; the client appends the rest. */
    public String baseUrl() {
        return server.url("/").toString();
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public List<String> paths() {
        return List.copyOf(paths);
    }

    public List<String> apiKeys() {
        return List.copyOf(apiKeys);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private static MockResponse reply(Answer answer, String model) {
        ObjectNode body = JSON.createObjectNode();
        if (answer.blockReason() != null) {
            body.putObject("promptFeedback").put("blockReason", answer.blockReason()).putArray("safetyRatings").addObject()
                    .put("category", "HARM_CATEGORY_DANGEROUS_CONTENT").put("probability", "HIGH").put("blocked", true);
        } else {
            ObjectNode candidate = body.putArray("candidates").addObject();
            if (answer.text() != null) {
                ObjectNode content = candidate.putObject("content");
                content.putArray("parts").addObject().put("text", answer.text());
                content.put("role", "model");
            }
            candidate.put("finishReason", answer.finishReason() == null ? "STOP" : answer.finishReason());
            candidate.putArray("safetyRatings").addObject().put("category", "HARM_CATEGORY_HARASSMENT")
                    .put("probability", "NEGLIGIBLE");
            candidate.put("index", 0);
        }
        body.putObject("usageMetadata").put("promptTokenCount", 10).put("candidatesTokenCount", 5).put("totalTokenCount", 15);
        body.put("modelVersion", model).put("responseId", "stand-in");
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=UTF-8")
                .body(body.toString()).build();
    }

    private static MockResponse error(int code, String status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message).put("status", status);
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body.toString()).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
