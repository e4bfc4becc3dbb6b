package dev.evalunit.samples.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Speaks OpenAI's chat-completions protocol for the stand-in: {@code POST /v1/chat/completions},
 * and the same under {@code /m1} and {@code /m2}, the base URLs of the quiz models, which is how the
 * script knows which model is asked. It is answered by
 * <ul>
 *   <li>{@link ScriptedJudge} when the system message is the autorater's ({@link ScriptedReplies});</li>
 *   <li>{@link ScriptedMetricJudge} when it is the metric judge's, for the metric named by
 *       {@code response_format.json_schema.name};</li>
 *   <li>{@link ScriptedRecaller} for the quiz models, at the request's {@code temperature};</li>
 *   <li>{@link ScriptedAnswerer} otherwise.</li>
 * </ul>
 * Token counts are word counts. Anything else is a 404 (or a 400 for an unreadable body or a metric
 * without a script) with an OpenAI-style error object. Its state is how many times it saw each
 * quiz request and the usage it reported per model ({@link #usageSent}), kept thread-safe, so
 * concurrent calls are safe.
 */
public final class ChatCompletionsDispatcher extends Dispatcher {

    static final String PATH = "/v1/chat/completions";
    private static final Pattern MODEL_PATH = Pattern.compile("/([^/]+)" + PATH);
    private static final String METRIC_JUDGE_SYSTEM_MESSAGE = "You are an impartial evaluator of answers";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicLong ids = new AtomicLong();
    // Per (model, temperature, prompt): how many times it was asked, which makes repeats differ.
    private final ConcurrentMap<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    // Per request "model" field: the sums of the usage fields sent, prompt_tokens then completion_tokens.
    private final ConcurrentMap<String, AtomicLong[]> usage = new ConcurrentHashMap<>();

    /**
     * The sums of the {@code usage} fields of every reply sent for {@code model} (the request's
     * {@code model} field, e.g. {@code gpt-4o}): {@code [prompt_tokens, completion_tokens]}.
     */
    public long[] usageSent(String model) {
        AtomicLong[] sums = usage.get(model);
        return sums == null ? new long[2] : new long[] {sums[0].get(), sums[1].get()};
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        Matcher modelPath = MODEL_PATH.matcher(path);
        String quizModel = modelPath.matches() && ScriptedRecaller.models().contains(modelPath.group(1))
                ? modelPath.group(1) : null;
        if (!"POST".equals(request.getMethod()) || !(PATH.equals(path) || quizModel != null)) {
            return error(404, "not_found", "The stand-in model server answers POST " + PATH + " (also under /m1, /m2"
                    + " and /m3) only, not " + request.getMethod() + " " + path + ".");
        }
        try {
            JsonNode body = JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
            return completion(body, quizModel);
        } catch (IOException | IllegalArgumentException e) {
            return error(400, "invalid_request_error", "The stand-in could not read the request: " + e.getMessage());
        }
    }

    private MockResponse completion(JsonNode body, String quizModel) throws IOException {
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
        if (ScriptedReplies.isAutorater(system)) {
            content = ScriptedReplies.verdict(user);
        } else if (system.startsWith(METRIC_JUDGE_SYSTEM_MESSAGE)) {
            String metric = body.path("response_format").path("json_schema").path("name").asText("");
            if (!ScriptedMetricJudge.METRICS.contains(metric)) {
                // Worded without the structured-output field names: OpenAI's client would read those as
                // "structured output unsupported" and stop asking for it.
                return error(400, "invalid_request_error", "The stand-in scores the metrics "
                        + ScriptedMetricJudge.METRICS.stream().sorted().toList() + " only, not [" + metric + "].");
            }
            ScriptedMetricJudge.Score score = ScriptedMetricJudge.score(metric, user);
            content = JSON.writeValueAsString(JSON.createObjectNode()
                    .put("reason", score.reason()).put("score", score.score()));
        } else if (quizModel != null) {
            double temperature = body.path("temperature").isNumber() ? body.path("temperature").asDouble()
                    : ScriptedRecaller.DEFAULT_TEMPERATURE;
            int occurrence = seen.computeIfAbsent(quizModel + "\n" + temperature + "\n" + user,
                    request -> new AtomicInteger()).getAndIncrement();
            content = ScriptedRecaller.answer(quizModel, temperature, user, occurrence);
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
        AtomicLong[] sums = usage.computeIfAbsent(body.path("model").asText("stand-in"),
                model -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
        sums[0].addAndGet(promptTokens);
        sums[1].addAndGet(completionTokens);
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
