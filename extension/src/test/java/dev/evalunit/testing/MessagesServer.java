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
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stand-in for Anthropic's Messages API on loopback: {@code POST /v1/messages}, answered in the
 * reference's shape. A request that forces a tool ({@code tool_choice}) is answered with a
 * {@code tool_use} block whose {@code input} is the handler's text read as JSON; any other with a text
 * block. Every request is recorded, with its {@code x-api-key} and {@code anthropic-version} headers.
 */
public final class MessagesServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the stand-in answers: a text and its {@code stop_reason} ({@code null}: the usual one). */
    public record Answer(String text, String stopReason) {
        public static Answer of(String text) {
            return new Answer(text, null);
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> apiKeys = new CopyOnWriteArrayList<>();
    private final List<String> versions = new CopyOnWriteArrayList<>();

    private MessagesServer(Function<ChatServer.Call, Answer> handler) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!"/v1/messages".equals(request.getUrl().encodedPath())) {
                    return error(404, "not_found_error", "Not found: " + request.getUrl().encodedPath());
                }
                try {
                    JsonNode body = JSON.readTree(request.getBody().utf8());
                    requests.add(body);
                    apiKeys.add(String.valueOf(request.getHeaders().get("x-api-key")));
                    versions.add(String.valueOf(request.getHeaders().get("anthropic-version")));
                    if (!body.path("max_tokens").isInt()) {
                        return error(400, "invalid_request_error", "max_tokens: Field required");
                    }
                    JsonNode messages = body.path("messages");
                    JsonNode tool = body.path("tool_choice").path("name");
                    ChatServer.Call call = new ChatServer.Call(body.path("model").asText(), body.path("system").asText(""),
                            messages.get(messages.size() - 1).path("content").asText(),
                            tool.isMissingNode() ? null : tool.asText());
                    return reply(handler.apply(call), tool.isMissingNode() ? null : tool.asText());
                } catch (IOException | RuntimeException e) {
                    return error(500, "api_error", String.valueOf(e));
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
    public static MessagesServer start(Function<ChatServer.Call, Answer> handler) {
        return new MessagesServer(handler);
    }

    /** Generation calls by {@code generator}, autorater calls by {@code judge}, as {@link ChatServer} does. */
    public static MessagesServer start(Function<String, String> generator, Function<ChatServer.JudgeCall, String> judge) {
        return new MessagesServer(call -> Answer.of(call.isAutorater()
                ? judge.apply(ChatServer.judgeCall(call.user())) : generator.apply(call.user())));
    }

    /** The base URL a model declares: the server's root; the client appends {@code /v1/messages}. */
    public String baseUrl() {
        return server.url("/").toString();
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public List<String> apiKeys() {
        return List.copyOf(apiKeys);
    }

    public List<String> versions() {
        return List.copyOf(versions);
    }

    private static MockResponse reply(Answer answer, String tool) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "msg_stand_in").put("type", "message").put("role", "assistant").put("model", "claude-stand-in");
        ObjectNode block = body.putArray("content").addObject();
        boolean toolUse = tool != null && answer.stopReason() == null;
        if (toolUse) {
            block.put("type", "tool_use").put("id", "toolu_stand_in").put("name", tool);
            block.set("input", JSON.readTree(answer.text()));
        } else {
            block.put("type", "text").put("text", answer.text());
        }
        body.put("stop_reason", answer.stopReason() != null ? answer.stopReason() : toolUse ? "tool_use" : "end_turn");
        body.putNull("stop_sequence");
        body.putObject("usage").put("input_tokens", 10).put("output_tokens", 5);
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .addHeader("request-id", "req_stand_in").body(body.toString()).build();
    }

    private static MockResponse error(int code, String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body.toString()).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
