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
 * An OpenAI-compatible chat-completions server on loopback for tests. Generation calls are answered
 * by a {@code generator} (user prompt to answer); autorater calls (recognised by the judge's system
 * message) by a {@code judge} (what it was shown to its reply text). Every request is recorded.
 */
public final class ChatServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECTION = Pattern.compile("<(response_a|response_b|instruction|context)>\\n(.*?)\\n</\\1>", Pattern.DOTALL);

    /** What one autorater call showed the judge, in the order shown. */
    public record JudgeCall(String instruction, String context, String shownA, String shownB) {
    }

    /**
     * Any chat call, for servers that answer by model or schema.
     *
     * @param schemaName the {@code response_format} schema's name, or {@code null} without one
     */
    public record Call(String model, String system, String user, String schemaName) {
        public boolean isAutorater() {
            return system.startsWith("You are an impartial judge");
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private ChatServer(Function<String, String> generator, Function<JudgeCall, String> judge) {
        this(call -> call.isAutorater() ? judge.apply(judgeCall(call.user())) : generator.apply(call.user()));
    }

    private ChatServer(Function<Call, String> handler) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    JsonNode body = JSON.readTree(request.getBody().utf8());
                    requests.add(body);
                    authorizations.add(String.valueOf(request.getHeaders().get("Authorization")));
                    JsonNode messages = body.path("messages");
                    String system = messages.get(0).path("role").asText().equals("system") ? messages.get(0).path("content").asText() : "";
                    String user = messages.get(messages.size() - 1).path("content").asText();
                    JsonNode schema = body.path("response_format").path("json_schema").path("name");
                    Call call = new Call(body.path("model").asText(), system, user,
                            schema.isMissingNode() ? null : schema.asText());
                    return reply(handler.apply(call));
                } catch (IOException | RuntimeException e) {
                    return new MockResponse.Builder().code(500).body("{\"error\":\"" + e + "\"}").build();
                }
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ChatServer start(Function<String, String> generator, Function<JudgeCall, String> judge) {
        return new ChatServer(generator, judge);
    }

    /** A server that answers every call with {@code handler}. */
    public static ChatServer start(Function<Call, String> handler) {
        return new ChatServer(handler);
    }

    /** A judge that prefers whichever shown answer contains {@code marker}; neither or both is a tie. */
    public static Function<JudgeCall, String> judgePreferring(String marker) {
        return call -> {
            boolean a = call.shownA().contains(marker);
            boolean b = call.shownB().contains(marker);
            String choice = a == b ? "TIE" : a ? "A" : "B";
            return verdict(choice, "the " + (a == b ? "answers are alike" : "answer with " + marker + " is better"));
        };
    }

    public static String verdict(String choice, String explanation) {
        ObjectNode node = JSON.createObjectNode().put("explanation", explanation).put("choice", choice);
        return node.toString();
    }

    public String baseUrl() {
        return server.url("/v1").toString();
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** What an autorater prompt showed the judge. */
    public static JudgeCall judgeCall(String prompt) {
        java.util.Map<String, String> sections = new java.util.HashMap<>();
        Matcher m = SECTION.matcher(prompt);
        while (m.find()) {
            sections.put(m.group(1), m.group(2));
        }
        return new JudgeCall(sections.get("instruction"), sections.get("context"), sections.get("response_a"), sections.get("response_b"));
    }

    /** An OpenAI chat completion whose message is {@code content}. */
    public static MockResponse reply(String content) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-test").put("object", "chat.completion").put("model", "test");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        body.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body.toString()).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
