package dev.evalunit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A loopback stand-in for both batch APIs, in the shapes of their references. OpenAI: {@code POST
 * /v1/files} (the JSONL upload), {@code POST /v1/batches}, {@code GET /v1/batches/{id}}, {@code GET
 * /v1/files/{id}/content}. Anthropic: {@code POST /v1/messages/batches}, {@code GET
 * /v1/messages/batches/{id}}, {@code GET /v1/messages/batches/{id}/results}. A batch stays in progress
 * for {@code pollsBeforeEnd} polls (forever while {@link #hold} is set); each line's fate is the
 * {@code outcome} of the request's text. The live endpoints ({@code /v1/chat/completions},
 * {@code /v1/messages}) answer too, and are counted apart.
 */
public final class BatchApiServer implements AutoCloseable {

    /** What happens to one line. */
    public enum Outcome { ANSWER, ERROR, EXPIRED, CANCELED }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final int pollsBeforeEnd;
    private final Function<String, Outcome> outcome;
    /** While set, no batch ends. */
    public final AtomicBoolean hold = new AtomicBoolean();
    public final AtomicInteger batchesCreated = new AtomicInteger();
    public final AtomicInteger polls = new AtomicInteger();
    public final AtomicInteger liveCalls = new AtomicInteger();
    /** The credential headers of every request ({@code Authorization}, else {@code x-api-key}). */
    public final List<String> credentials = new CopyOnWriteArrayList<>();
    /** Appended to every answer, verdict explanation and error message: e.g. a key, to check it is masked. */
    public volatile String echo = "";
    /** The number of requests in each batch created, in order. */
    public final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final Map<String, List<JsonNode>> uploads = new ConcurrentHashMap<>();
    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private record Batch(boolean anthropic, List<JsonNode> requests, AtomicInteger polls) {
    }

    /** @param outcome the fate of a line, from the request body's text */
    public BatchApiServer(int pollsBeforeEnd, Function<String, Outcome> outcome) {
        this.pollsBeforeEnd = pollsBeforeEnd;
        this.outcome = outcome;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String credential = request.getHeaders().get("Authorization");
                credentials.add(String.valueOf(credential != null ? credential : request.getHeaders().get("x-api-key")));
                try {
                    return route(request.getMethod(), request.getUrl().encodedPath(),
                            request.getBody() == null ? "" : request.getBody().utf8());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OpenAI base URL ({@code .../v1}). */
    public String openAiBaseUrl() {
        return server.url("/v1").toString();
    }

    /** The Anthropic base URL (the client appends {@code /v1/...}). */
    public String anthropicBaseUrl() {
        return server.url("/").toString();
    }

    private MockResponse route(String method, String path, String body) throws IOException {
        if (method.equals("POST") && path.equals("/v1/chat/completions")) {
            liveCalls.incrementAndGet();
            return json(completion(JSON.readTree(body)));
        }
        if (method.equals("POST") && path.equals("/v1/messages")) {
            liveCalls.incrementAndGet();
            return json(message(JSON.readTree(body)));
        }
        if (method.equals("POST") && path.equals("/v1/files")) {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : body.split("\r?\n")) {
                if (line.startsWith("{\"custom_id\"")) {
                    lines.add(JSON.readTree(line));
                }
            }
            String id = "file-" + ids.incrementAndGet();
            uploads.put(id, lines);
            return json(JSON.createObjectNode().put("id", id).put("object", "file").put("purpose", "batch"));
        }
        if (method.equals("POST") && path.equals("/v1/batches")) {
            JsonNode create = JSON.readTree(body);
            List<JsonNode> lines = uploads.get(create.path("input_file_id").asText());
            if (lines == null || !"24h".equals(create.path("completion_window").asText())
                    || !"/v1/chat/completions".equals(create.path("endpoint").asText())) {
                return json(400, JSON.createObjectNode().set("error", JSON.createObjectNode().put("message", "bad batch")));
            }
            return json(openAiBatch(created(false, lines)));
        }
        if (method.equals("POST") && path.equals("/v1/messages/batches")) {
            List<JsonNode> requests = new ArrayList<>();
            JSON.readTree(body).path("requests").forEach(requests::add);
            return json(anthropicBatch(created(true, requests)));
        }
        if (method.equals("GET") && path.startsWith("/v1/batches/")) {
            String id = path.substring("/v1/batches/".length());
            polls.incrementAndGet();
            batches.get(id).polls().incrementAndGet();
            return json(openAiBatch(id));
        }
        if (method.equals("GET") && path.startsWith("/v1/files/") && path.endsWith("/content")) {
            String id = path.substring("/v1/files/".length(), path.length() - "/content".length());
            return text(openAiFile(id));
        }
        if (method.equals("GET") && path.startsWith("/v1/messages/batches/") && path.endsWith("/results")) {
            String id = path.substring("/v1/messages/batches/".length(), path.length() - "/results".length());
            return text(anthropicResults(id));
        }
        if (method.equals("GET") && path.startsWith("/v1/messages/batches/")) {
            String id = path.substring("/v1/messages/batches/".length());
            polls.incrementAndGet();
            batches.get(id).polls().incrementAndGet();
            return json(anthropicBatch(id));
        }
        return json(404, JSON.createObjectNode().put("error", "not found: " + method + " " + path));
    }

    private String created(boolean anthropic, List<JsonNode> requests) {
        batchesCreated.incrementAndGet();
        batchSizes.add(requests.size());
        String id = (anthropic ? "msgbatch_" : "batch_") + ids.incrementAndGet();
        batches.put(id, new Batch(anthropic, requests, new AtomicInteger()));
        return id;
    }

    private boolean ended(Batch batch) {
        return !hold.get() && batch.polls().get() > pollsBeforeEnd;
    }

    private Outcome outcomeOf(JsonNode params) {
        return outcome.apply(params.toString());
    }

    private ObjectNode openAiBatch(String id) {
        Batch batch = batches.get(id);
        ObjectNode node = JSON.createObjectNode().put("id", id).put("object", "batch")
                .put("endpoint", "/v1/chat/completions").put("completion_window", "24h");
        if (!ended(batch)) {
            return node.put("status", "in_progress").putNull("output_file_id");
        }
        boolean expired = batch.requests().stream().anyMatch(r -> outcomeOf(r.path("body")) == Outcome.EXPIRED);
        long answered = batch.requests().stream().filter(r -> outcomeOf(r.path("body")) == Outcome.ANSWER).count();
        node.put("status", expired ? "expired" : "completed");
        // As the reference has it: a file only when it has lines.
        node.put("output_file_id", answered > 0 ? id + "-output" : null);
        node.put("error_file_id", answered < batch.requests().size() ? id + "-errors" : null);
        return node;
    }

    private String openAiFile(String fileId) {
        boolean output = fileId.endsWith("-output");
        Batch batch = batches.get(fileId.substring(0, fileId.lastIndexOf('-')));
        StringBuilder lines = new StringBuilder();
        for (JsonNode request : batch.requests()) {
            Outcome fate = outcomeOf(request.path("body"));
            if ((fate == Outcome.ANSWER) != output) {
                continue;
            }
            ObjectNode line = JSON.createObjectNode().put("id", "batch_req_" + ids.incrementAndGet())
                    .put("custom_id", request.path("custom_id").asText());
            switch (fate) {
                case ANSWER -> line.putObject("response").put("status_code", 200).put("request_id", "req")
                        .set("body", completion(request.path("body")));
                case ERROR -> line.putObject("response").put("status_code", 400).put("request_id", "req")
                        .putObject("body").putObject("error").put("message", "Invalid content in this request" + echo)
                        .put("type", "invalid_request_error");
                case EXPIRED -> line.putNull("response").putObject("error").put("code", "batch_expired")
                        .put("message", "This request could not be executed before the completion window expired.");
                case CANCELED -> line.putNull("response").putObject("error").put("code", "batch_cancelled")
                        .put("message", "This request was cancelled.");
            }
            if (fate == Outcome.ANSWER || fate == Outcome.ERROR) {
                line.putNull("error");
            }
            lines.append(line).append('\n');
        }
        return lines.toString();
    }

    private ObjectNode anthropicBatch(String id) {
        Batch batch = batches.get(id);
        ObjectNode node = JSON.createObjectNode().put("id", id).put("type", "message_batch");
        if (!ended(batch)) {
            return node.put("processing_status", "in_progress").putNull("results_url");
        }
        return node.put("processing_status", "ended").put("results_url", server.url("/v1/messages/batches/" + id + "/results").toString());
    }

    private String anthropicResults(String id) {
        StringBuilder lines = new StringBuilder();
        for (JsonNode request : batches.get(id).requests()) {
            ObjectNode line = JSON.createObjectNode().put("custom_id", request.path("custom_id").asText());
            ObjectNode result = line.putObject("result");
            switch (outcomeOf(request.path("params"))) {
                case ANSWER -> result.put("type", "succeeded").set("message", message(request.path("params")));
                case ERROR -> result.put("type", "errored").putObject("error").put("type", "error").putObject("error")
                        .put("type", "invalid_request_error").put("message", "Invalid content in this request" + echo);
                case EXPIRED -> result.put("type", "expired");
                case CANCELED -> result.put("type", "canceled");
            }
            lines.append(line).append('\n');
        }
        return lines.toString();
    }

    /** A judge's verdict (the request holds the autorater's system message), else an answer. */
    private String answer(JsonNode request) {
        return request.toString().contains("impartial judge") ? ChatServer.verdict("A", "A is better" + echo)
                : "an answer" + echo;
    }

    private ObjectNode completion(JsonNode request) {
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", answer(request));
        body.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return body;
    }

    private ObjectNode message(JsonNode request) {
        ObjectNode body = JSON.createObjectNode().put("id", "msg_1").put("type", "message").put("role", "assistant");
        JsonNode tool = request.path("tool_choice").path("name");
        String text = answer(request);
        if (tool.isTextual()) {
            try {
                body.putArray("content").addObject().put("type", "tool_use").put("id", "toolu_1")
                        .put("name", tool.asText()).set("input", JSON.readTree(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            body.put("stop_reason", "tool_use");
        } else {
            body.putArray("content").addObject().put("type", "text").put("text", text);
            body.put("stop_reason", "end_turn");
        }
        body.putObject("usage").put("input_tokens", 10).put("output_tokens", 5);
        return body;
    }

    private static MockResponse json(JsonNode body) {
        return json(200, body);
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body.toString()).build();
    }

    private static MockResponse text(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/binary").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
