package dev.evalunit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A {@link LatencyServer} in a JVM of its own, started from this jar's class path. */
final class ServerProcess implements AutoCloseable {

    /** The server's counters at one moment. */
    record Stats(long requests, long generation, long judge, long cpuMillis, long firstRequestMillis,
                 long lastReplyMillis, long startMillis, List<Integer> requestsPerSecond, String faults) {
        /** The counts since {@code earlier}; the times and the timeline stay the server's lifetime ones. */
        Stats minus(Stats earlier) {
            return new Stats(requests - earlier.requests, generation - earlier.generation, judge - earlier.judge,
                    cpuMillis - earlier.cpuMillis, firstRequestMillis, lastReplyMillis, startMillis, requestsPerSecond, faults);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the server and waits (at most 30 s) until it listens.
     *
     * @param maxSeconds the server exits by itself after this long, whatever happens here
     */
    static ServerProcess start(int latencyMillis, long maxSeconds) throws IOException {
        return start(latencyMillis, maxSeconds, FaultMix.NONE, 16);
    }

    /** @param faults a {@link FaultMix} name; {@code seed} seeds its sequence */
    static ServerProcess start(int latencyMillis, long maxSeconds, String faults, long seed) throws IOException {
        List<String> command = new ArrayList<>(Jvm.command());
        // Its own small heap and a parallel-free collector: the server must not compete for the two cores.
        command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC",
                // A keep-alive connection per in-flight call; the default cap of 200 idle ones would close some.
                "-Dsun.net.httpserver.maxIdleConnections=4096",
                // Without it, Nagle's algorithm meets the client's delayed ACK: about 40 ms more per reply.
                "-Dsun.net.httpserver.nodelay=true",
                LatencyServer.class.getName(),
                "--latency-ms", String.valueOf(latencyMillis), "--max-seconds", String.valueOf(maxSeconds),
                "--faults", faults, "--seed", String.valueOf(seed)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the latency server did not start within 30 s", e);
        }
        if (line == null || !line.startsWith(LatencyServer.READY_LINE_PREFIX)) {
            process.destroyForcibly();
            throw new IOException("the latency server did not start: " + line);
        }
        return new ServerProcess(process, Integer.parseInt(line.substring(LatencyServer.READY_LINE_PREFIX.length()).trim()));
    }

    int port() {
        return port;
    }

    /** The OpenAI-compatible base URL (the client posts to {@code <base>/chat/completions}). */
    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    Stats stats() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode node = JSON.readTree(response.body());
        List<Integer> perSecond = new ArrayList<>();
        node.get("requests_per_second").forEach(count -> perSecond.add(count.asInt()));
        return new Stats(node.get("requests").asLong(), node.get("generation").asLong(), node.get("judge").asLong(),
                node.get("cpu_ms").asLong(), node.get("first_request_ms").asLong(), node.get("last_reply_ms").asLong(),
                node.get("start_ms").asLong(), perSecond, node.path("faults").toString());
    }

    @Override
    public void close() {
        // Closing its standard input is the server's signal to exit; force it if it lingers.
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
