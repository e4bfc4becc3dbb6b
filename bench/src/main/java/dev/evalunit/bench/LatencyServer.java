package dev.evalunit.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 that answers every request after a fixed
 * latency, standing in for a model API. Run in its own JVM ({@link ServerProcess}) so that its work
 * does not count in the measured client's CPU time.
 *
 * <p>A request does not hold a thread while it waits: the handler reads the body, picks the
 * (precomputed) reply and schedules it; one timer thread writes the replies when they are due.
 * Generation calls get a short answer; autorater calls (system message "You are an impartial
 * judge...") get valid verdict JSON whose choice (A, B or TIE) is a function of the request body,
 * so that a rerun asks and gets the same. {@code GET /stats} reports the requests served.
 *
 * <p>It stops by itself: when its standard input closes (the benchmark ended or died), on
 * {@code GET /quit}, or after {@code --max-seconds}.
 */
public final class LatencyServer {

    static final String READY_LINE_PREFIX = "listening on port ";
    static final String JUDGE_MARKER = "You are an impartial judge";

    private final LongAdder requests = new LongAdder();
    private final LongAdder judgeRequests = new LongAdder();
    // When the calls happened (epoch ms): the benchmark splits a run into before, during and after its calls.
    private final AtomicLong firstRequestMillis = new AtomicLong();
    private final AtomicLong lastReplyMillis = new AtomicLong();
    private final long startMillis = System.currentTimeMillis();
    private final AtomicIntegerArray requestsPerSecond = new AtomicIntegerArray(24 * 3600);
    private final byte[] generationReply = completion("According to the context, the answer is the one given in its second sentence.");
    private final byte[][] verdictReplies = {
            completion("{\"explanation\": \"Response A answers the question fully and stays grounded in the context.\", \"choice\": \"A\"}"),
            completion("{\"explanation\": \"Response B is more complete and equally grounded.\", \"choice\": \"B\"}"),
            completion("{\"explanation\": \"Both responses answer the question equally well.\", \"choice\": \"TIE\"}")};
    private final byte[] proseVerdict = completion("Both responses are reasonable; on balance I prefer the first one.");
    private final long latencyMillis;
    private final FaultMix faults;
    private final ScheduledExecutorService timer;
    private final HttpServer server;

    private LatencyServer(long latencyMillis, int handlerThreads, FaultMix faults) throws IOException {
        this.latencyMillis = latencyMillis;
        this.faults = faults;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("reply-timer"));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        ExecutorService handlers = Executors.newFixedThreadPool(handlerThreads, daemon("handler"));
        server.setExecutor(handlers);
        server.createContext("/v1/chat/completions", this::chatCompletion);
        server.createContext("/stats", this::stats);
        server.createContext("/quit", exchange -> {
            send(exchange, "{}\n".getBytes(StandardCharsets.UTF_8));
            halt("asked to quit");
        });
    }

    public static void main(String[] args) throws Exception {
        long latency = 100;
        long maxSeconds = 3600;
        int handlerThreads = 4;
        String faultMix = FaultMix.NONE;
        long seed = 16;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--latency-ms" -> latency = Long.parseLong(args[i + 1]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[i + 1]);
                case "--handler-threads" -> handlerThreads = Integer.parseInt(args[i + 1]);
                case "--faults" -> faultMix = args[i + 1];
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        LatencyServer latencyServer = new LatencyServer(latency, handlerThreads, FaultMix.of(faultMix, seed));
        latencyServer.server.start();
        long lifetime = maxSeconds;
        latencyServer.timer.schedule(() -> halt("its lifetime of " + lifetime + " s is over"), lifetime, TimeUnit.SECONDS);
        System.out.println(READY_LINE_PREFIX + latencyServer.server.getAddress().getPort());
        System.out.flush();
        // The parent holds our standard input: end of input means the benchmark is gone.
        Thread watcher = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // Nothing is expected on standard input; drain it.
                }
            } catch (IOException ignored) {
                // A broken pipe means the same as end of input.
            }
            halt("standard input closed");
        }, "stdin-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void chatCompletion(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        long now = System.currentTimeMillis();
        firstRequestMillis.compareAndSet(0, now);
        int second = (int) ((now - startMillis) / 1000);
        if (second < requestsPerSecond.length()) {
            requestsPerSecond.incrementAndGet(second);
        }
        requests.increment();
        byte[] reply;
        boolean judge = contains(body, JUDGE_MARKER);
        if (judge) {
            judgeRequests.increment();
            reply = verdictReplies[Math.floorMod(Arrays.hashCode(body), verdictReplies.length)];
        } else {
            reply = generationReply;
        }
        FaultMix.Fault fault = faults.next();
        timer.schedule(() -> {
            answer(exchange, fault, judge, reply);
            lastReplyMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
        }, fault == FaultMix.Fault.STALL ? FaultMix.STALL.toMillis() : latencyMillis, TimeUnit.MILLISECONDS);
    }

    /** The reply {@code fault} makes of {@code reply}; a stall is the reply, late (the client has usually gone). */
    private void answer(HttpExchange exchange, FaultMix.Fault fault, boolean judge, byte[] reply) {
        try {
            switch (fault) {
                case NONE, STALL -> send(exchange, reply);
                case RATE_LIMITED -> {
                    exchange.getResponseHeaders().set("Retry-After", String.valueOf(faults.retryAfterSeconds()));
                    send(exchange, 429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}"
                            .getBytes(StandardCharsets.UTF_8));
                }
                case SERVER_ERROR -> send(exchange, 500, "{\"error\":{\"message\":\"internal error\"}}".getBytes(StandardCharsets.UTF_8));
                case UNAVAILABLE -> send(exchange, 503, "{\"error\":{\"message\":\"overloaded\"}}".getBytes(StandardCharsets.UTF_8));
                // Closed before a status line: the client reads end of stream.
                case RESET -> exchange.close();
                case TRUNCATED -> send(exchange, 200, Arrays.copyOf(reply, reply.length / 2));
                // A judge that answers in prose instead of the verdict JSON; a generation reply is prose anyway.
                case PROSE -> send(exchange, judge ? proseVerdict : reply);
                default -> throw new IllegalStateException("unknown fault " + fault);
            }
        } catch (IOException e) {
            // The client gave up on this request (timeout, cancelled run); nothing to answer.
            exchange.close();
        }
    }

    private void stats(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long total = requests.sum();
        long judge = judgeRequests.sum();
        String json = "{\"requests\":" + total + ",\"generation\":" + (total - judge) + ",\"judge\":" + judge
                + ",\"cpu_ms\":" + cpuNanos / 1_000_000 + ",\"first_request_ms\":" + firstRequestMillis.get()
                + ",\"last_reply_ms\":" + lastReplyMillis.get() + ",\"start_ms\":" + startMillis
                + ",\"requests_per_second\":" + perSecond() + ",\"faults\":" + faults.counts() + "}\n";
        send(exchange, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Requests received in each second since the server started, up to the last busy second. */
    private String perSecond() {
        int last = -1;
        for (int i = 0; i < requestsPerSecond.length(); i++) {
            if (requestsPerSecond.get(i) > 0) {
                last = i;
            }
        }
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i <= last; i++) {
            json.append(i == 0 ? "" : ",").append(requestsPerSecond.get(i));
        }
        return json.append(']').toString();
    }

    private static void send(HttpExchange exchange, byte[] reply) throws IOException {
        send(exchange, 200, reply);
    }

    private static void send(HttpExchange exchange, int status, byte[] reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    private static byte[] completion(String content) {
        String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"");
        String json = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"bench\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + escaped + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":200,\"completion_tokens\":20,\"total_tokens\":220}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, "latency-server-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void halt(String why) {
        System.err.println("[latency-server] stopping: " + why);
        System.exit(0);
    }
}
