package dev.evalunit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A model server on loopback that fails on purpose, speaking one provider's {@link WireFormat}
 * (OpenAI's chat completions, Anthropic's Messages, Gemini's {@code generateContent}): the faults are
 * the same in every format, only the shapes of requests, replies and error bodies differ. Each attempt gets a {@link Fault}
 * chosen by a {@link FaultPlan}; every attempt is logged as it arrives, before any answer, with a
 * sequence number, the example it belongs to (a tag {@code [exNN]} in the prompt), what kind of call
 * it is and its body.
 *
 * <p>A good reply is built to be judged predictably: the candidate answers {@code good: <prompt>},
 * and the judge always prefers the answer containing {@code good:}, i.e. model A.
 */
public final class FaultInjectingServer implements AutoCloseable {

    /** What the server does with one attempt. */
    public enum Fault {
        /** A good reply. */
        OK(false),
        /** 429 with {@code Retry-After: 0}. */
        TOO_MANY_REQUESTS(true),
        /** 500. */
        SERVER_ERROR(true),
        /** 503. */
        UNAVAILABLE(true),
        /**
         * 503 with {@code Retry-After: 0}. OkHttp itself re-sends such a request once, unasked, so it
         * tests that the client's retry bound counts what reaches the server, not what it sent.
         */
        UNAVAILABLE_RETRY_NOW(true),
        /**
         * No response at all: the connection is held open, unanswered, until the server closes. A late
         * answer (say a 500 after a delay) would race the client's timeout on a busy machine; silence
         * leaves the timeout as the only possible outcome.
         */
        STALL(true),
        /** The connection is closed as the response would start. */
        RESET(true),
        /** 200 with the reply's JSON cut in half: a transient fault, retried like a 5xx. */
        TRUNCATED_JSON(true),
        /** 200 whose content is prose without a verdict (to a generation call, prose is an answer: {@link #OK}). */
        PROSE(false);

        private final boolean retryable;

        Fault(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether a client should try again after it. */
        public boolean retryable() {
            return retryable;
        }
    }

    /**
     * The wire format the server speaks: where a request's system text and last user message are, and
     * the shapes of a reply and of an error body. Which model a fault hits is decided from the request's
     * JSON, so one seed gives different faults in different formats.
     */
    public enum WireFormat {
        /** OpenAI's {@code POST /v1/chat/completions}. */
        OPENAI("openai", "/v1") {
            @Override
            Prompt read(JsonNode request) {
                JsonNode messages = request.path("messages");
                JsonNode first = messages.get(0);
                return new Prompt(first.path("role").asText().equals("system") ? first.path("content").asText() : "",
                        messages.get(messages.size() - 1).path("content").asText());
            }

            @Override
            String reply(String id, String content, JsonNode request) {
                ObjectNode body = JSON.createObjectNode();
                body.put("id", id).put("object", "chat.completion").put("model", "test");
                ObjectNode choice = body.putArray("choices").addObject();
                choice.put("index", 0).put("finish_reason", "stop");
                choice.putObject("message").put("role", "assistant").put("content", content);
                body.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
                return body.toString();
            }

            @Override
            String error(int code, String message) {
                ObjectNode body = JSON.createObjectNode();
                body.putObject("error").put("message", message);
                return body.toString();
            }
        },
        /**
         * Anthropic's {@code POST /v1/messages}. A request that forces a tool gets a JSON content as
         * that {@code tool_use} block's {@code input}, and prose as a text block (as a model that
         * ignored the tool would).
         */
        ANTHROPIC("anthropic", "/") {
            @Override
            Prompt read(JsonNode request) {
                JsonNode messages = request.path("messages");
                return new Prompt(request.path("system").asText(""), messages.get(messages.size() - 1).path("content").asText());
            }

            @Override
            String reply(String id, String content, JsonNode request) {
                ObjectNode body = JSON.createObjectNode();
                body.put("id", id).put("type", "message").put("role", "assistant").put("model", "test");
                ObjectNode block = body.putArray("content").addObject();
                JsonNode tool = request.path("tool_choice").path("name");
                JsonNode input = tool.isTextual() ? jsonObject(content) : null;
                if (input != null) {
                    block.put("type", "tool_use").put("id", "toolu_fault").put("name", tool.asText()).set("input", input);
                } else {
                    block.put("type", "text").put("text", content);
                }
                body.put("stop_reason", input != null ? "tool_use" : "end_turn");
                body.putObject("usage").put("input_tokens", 10).put("output_tokens", 5);
                return body.toString();
            }

            @Override
            String error(int code, String message) {
                ObjectNode body = JSON.createObjectNode().put("type", "error");
                body.putObject("error").put("type", code == 429 ? "rate_limit_error" : "api_error").put("message", message);
                return body.toString();
            }
        },
        /** Gemini's {@code POST /v1beta/models/{model}:generateContent} (Google AI). */
        GEMINI("gemini", "/") {
            @Override
            Prompt read(JsonNode request) {
                JsonNode contents = request.path("contents");
                return new Prompt(request.path("systemInstruction").path("parts").path(0).path("text").asText(""),
                        contents.get(contents.size() - 1).path("parts").path(0).path("text").asText());
            }

            @Override
            String reply(String id, String content, JsonNode request) {
                ObjectNode body = JSON.createObjectNode().put("responseId", id);
                ObjectNode candidate = body.putArray("candidates").addObject();
                ObjectNode parts = candidate.putObject("content");
                parts.putArray("parts").addObject().put("text", content);
                parts.put("role", "model");
                candidate.put("finishReason", "STOP").put("index", 0);
                body.putObject("usageMetadata").put("promptTokenCount", 10).put("candidatesTokenCount", 5)
                        .put("totalTokenCount", 15);
                return body.toString();
            }

            @Override
            String error(int code, String message) {
                ObjectNode body = JSON.createObjectNode();
                body.putObject("error").put("code", code).put("message", message)
                        .put("status", code == 429 ? "RESOURCE_EXHAUSTED" : code == 503 ? "UNAVAILABLE" : "INTERNAL");
                return body.toString();
            }
        };

        private final String provider;
        private final String basePath;

        WireFormat(String provider, String basePath) {
            this.provider = provider;
            this.basePath = basePath;
        }

        /** The provider that speaks it, for {@code evalunit.models.NAME.provider}. */
        public String provider() {
            return provider;
        }

        /** The request's system text ({@code ""} when none) and its last user message. */
        abstract Prompt read(JsonNode request);

        /** A successful reply whose answer is {@code content}, to {@code request}. */
        abstract String reply(String id, String content, JsonNode request);

        /** An error body saying {@code message}. */
        abstract String error(int code, String message);
    }

    /** What a request asks: its system text and its last user message. */
    record Prompt(String system, String user) {
    }

    /** Which call an attempt belongs to. */
    public enum Kind { GENERATION, JUDGE_AB, JUDGE_BA }

    /**
     * One attempt as the server saw it.
     *
     * @param sequence its place in the order of arrival, from 0, over all attempts
     * @param body the request's JSON with object keys sorted at every depth (see {@link FaultPlan})
     */
    public record Attempt(int sequence, String example, Kind kind, String body, Fault fault) {
        /** Without the body, which is long: a failed assertion lists many attempts. */
        @Override
        public String toString() {
            return "#" + sequence + " " + example + " " + kind + " " + fault + " (body #"
                    + Integer.toHexString(body.hashCode()) + ")";
        }
    }

    /**
     * Chooses the fault of one attempt. Deciding from the attempt itself (not from a shared sequence)
     * keeps a seeded run reproducible whatever order concurrent examples arrive in. The body it is
     * given has its keys sorted: the client's bytes are not the same in every JVM (the response
     * schema passes through {@code Map.copyOf}, whose iteration order is salted per JVM), and a seed
     * must mean the same faults in every run.
     */
    @FunctionalInterface
    public interface FaultPlan {
        /**
         * @param occurrence how many attempts with this body came before this one
         */
        Fault choose(String example, Kind kind, String body, int occurrence);

        /**
         * Per attempt: good 50%, 429 8%, 500 8%, 503 8%, reset 8%, stall 3%, truncated JSON 8%, prose 7%.
         * (Stalls are rare because each costs a whole timeout.)
         */
        static FaultPlan seeded(long seed) {
            return (example, kind, body, occurrence) -> {
                int roll = new SplittableRandom(seed * 1_000_003L + body.hashCode() * 31L + occurrence).nextInt(100);
                if (roll < 50) {
                    return Fault.OK;
                }
                Fault[] faults = {Fault.TOO_MANY_REQUESTS, Fault.SERVER_ERROR, Fault.UNAVAILABLE, Fault.RESET};
                if (roll < 82) {
                    return faults[(roll - 50) / 8];
                }
                if (roll < 85) {
                    return Fault.STALL;
                }
                return roll < 93 ? Fault.TRUNCATED_JSON : Fault.PROSE;
            };
        }

        /** The same fault for every attempt. */
        static FaultPlan always(Fault fault) {
            return (example, kind, body, occurrence) -> fault;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXAMPLE = Pattern.compile("\\[(ex\\d+)]");
    private static final Pattern RESPONSE_A = Pattern.compile("<response_a>\\n(.*?)\\n</response_a>", Pattern.DOTALL);
    private static final String PROSE = "Both answers have their merits, and I would rather not pick one over the other.";

    private final MockWebServer server = new MockWebServer();
    // Guarded by itself, as is occurrences: an attempt's sequence, occurrence and place in the log are
    // taken together, so the three orders agree.
    private final List<Attempt> attempts = new ArrayList<>();
    private final Map<String, Integer> occurrences = new HashMap<>();
    private final WireFormat wire;
    private final FaultPlan plan;
    private final boolean echoAuthorization;

    private FaultInjectingServer(WireFormat wire, FaultPlan plan, boolean echoAuthorization) {
        this.wire = wire;
        this.plan = plan;
        this.echoAuthorization = echoAuthorization;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return respond(request);
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param echoAuthorization whether failures (error statuses and truncated JSON) quote the request's
     *     {@code Authorization} header back, as a careless proxy would
     */
    public static FaultInjectingServer start(FaultPlan plan, boolean echoAuthorization) {
        return start(WireFormat.OPENAI, plan, echoAuthorization);
    }

    /** As {@link #start(FaultPlan, boolean)}, speaking {@code wire}. */
    public static FaultInjectingServer start(WireFormat wire, FaultPlan plan, boolean echoAuthorization) {
        return new FaultInjectingServer(wire, plan, echoAuthorization);
    }

    /**
     * As {@link #start(FaultPlan, boolean)}. A stalled attempt is no longer answered late but never, so
     * {@code stall} is ignored; the overload stays for the callers that still pass one.
     */
    public static FaultInjectingServer start(FaultPlan plan, Duration stall, boolean echoAuthorization) {
        return start(plan, echoAuthorization);
    }

    /** The base URL a model declares for the server's {@link WireFormat}. */
    public String baseUrl() {
        return server.url(wire.basePath).toString();
    }

    /** Every attempt so far, in the order the server received them (by {@link Attempt#sequence()}). */
    public List<Attempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    private MockResponse respond(RecordedRequest request) {
        JsonNode tree;
        String body;
        String system;
        String user;
        try {
            tree = JSON.readTree(request.getBody().utf8());
            body = canonical(tree);
            Prompt prompt = wire.read(tree);
            system = prompt.system();
            user = prompt.user();
        } catch (IOException | RuntimeException e) {
            return error(400, "unreadable request").build();
        }
        Matcher tag = EXAMPLE.matcher(user);
        String example = tag.find() ? tag.group(1) : "?";
        Kind kind = kind(system, user);
        Fault fault;
        // Logged here, as the request arrives and before any answer or delay: a client that gives up
        // and tries again finds its earlier attempt already in the log.
        synchronized (attempts) {
            int occurrence = occurrences.merge(body, 1, Integer::sum) - 1;
            fault = plan.choose(example, kind, body, occurrence);
            if (kind == Kind.GENERATION && fault == Fault.PROSE) {
                fault = Fault.OK;
            }
            attempts.add(new Attempt(attempts.size(), example, kind, body, fault));
        }
        String echo = echoAuthorization ? " (sent with " + request.getHeaders().get("Authorization") + ")" : "";
        String good = goodContent(kind, user);
        return switch (fault) {
            case OK -> reply(wire.reply("chatcmpl-fault", good, tree));
            case TOO_MANY_REQUESTS -> error(429, "rate limited" + echo).setHeader("Retry-After", "0").build();
            case SERVER_ERROR -> error(500, "internal error" + echo).build();
            case UNAVAILABLE -> error(503, "overloaded" + echo).build();
            case UNAVAILABLE_RETRY_NOW -> error(503, "overloaded" + echo).setHeader("Retry-After", "0").build();
            case STALL -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
            case RESET -> new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
            case TRUNCATED_JSON -> {
                // The echo goes first, into the id, so that the half that is sent still carries it.
                String whole = wire.reply("chatcmpl-fault" + echo, good, tree);
                yield new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body(whole.substring(0, whole.length() / 2)).build();
            }
            // A 200 is an answer, not a failure: no echo. (An answer is cached and reported as given.)
            case PROSE -> reply(wire.reply("chatcmpl-fault", PROSE, tree));
        };
    }

    /** {@code json} with object keys sorted at every depth, no whitespace: the same bytes in every JVM. */
    private static String canonical(JsonNode json) {
        return sorted(json).toString();
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = JSON.createObjectNode();
            names.forEach(name -> sorted.set(name, sorted(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode sorted = JSON.createArrayNode();
            node.forEach(element -> sorted.add(sorted(element)));
            return sorted;
        }
        return node;
    }

    private static Kind kind(String system, String user) {
        if (!system.startsWith("You are an impartial judge")) {
            return Kind.GENERATION;
        }
        Matcher a = RESPONSE_A.matcher(user);
        return a.find() && a.group(1).startsWith("good:") ? Kind.JUDGE_AB : Kind.JUDGE_BA;
    }

    private static String goodContent(Kind kind, String user) {
        return switch (kind) {
            case GENERATION -> "good: " + user;
            case JUDGE_AB -> verdict("A");
            case JUDGE_BA -> verdict("B");
        };
    }

    private static String verdict(String shownChoice) {
        return JSON.createObjectNode().put("explanation", "the good answer is better").put("choice", shownChoice).toString();
    }

    private MockResponse.Builder error(int code, String message) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(wire.error(code, message));
    }

    private static MockResponse reply(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** {@code text} read as a JSON object, or {@code null} when it is not one. */
    private static JsonNode jsonObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
