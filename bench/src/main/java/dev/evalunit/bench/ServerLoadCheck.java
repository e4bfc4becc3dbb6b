package dev.evalunit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks that the latency server is not the bottleneck: drives it alone with 1.5 x C requests in
 * flight and reports its rate against the benchmark's ideal C / latency. A ratio above 1.2 means the
 * server outruns any evaluation at concurrency C.
 *
 * <p>The load generator is deliberately minimal (a thread per connection writing prebuilt HTTP/1.1
 * keep-alive requests and reading the replies by {@code Content-Length}) so that it costs little of
 * the CPU it shares with the server; the figure is still a lower bound of the server's capacity.
 */
final class ServerLoadCheck {

    private static final int ROUNDS = 50;
    private static final int WARM_UP_ROUNDS = 3;

    static int run(BenchOptions options) throws Exception {
        int inFlight = (int) Math.ceil(1.5 * options.concurrency());
        long timeout = (long) Math.ceil(10.0 * (ROUNDS + WARM_UP_ROUNDS) * options.latencyMillis() / 1000.0) + 60;
        try (ServerProcess server = ServerProcess.start(options.latencyMillis(), timeout + 60)) {
            byte[] request = request(server.port());
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            AtomicInteger completed = new AtomicInteger();
            AtomicLong failures = new AtomicLong();
            AtomicLong measuredStart = new AtomicLong();
            AtomicLong cpuAtStart = new AtomicLong();
            int warmUp = inFlight * WARM_UP_ROUNDS;
            int total = inFlight * (ROUNDS + WARM_UP_ROUNDS);
            ServerProcess.Stats[] before = new ServerProcess.Stats[1];
            Object mark = new Object();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < inFlight; w++) {
                Thread worker = new Thread(() -> drive(server.port(), request, completed, total, failures), "load-" + w);
                worker.setDaemon(true);
                workers.add(worker);
            }
            workers.forEach(Thread::start);
            // Warm-up: connections opened and both JVMs' hot paths compiled before the clock starts.
            while (completed.get() < warmUp) {
                Thread.sleep(1);
            }
            synchronized (mark) {
                before[0] = server.stats();
                measuredStart.set(System.nanoTime());
                cpuAtStart.set(os.getProcessCpuTime());
            }
            long deadline = System.nanoTime() + timeout * 1_000_000_000L;
            for (Thread worker : workers) {
                worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (worker.isAlive()) {
                    throw new IllegalStateException("the load check did not finish within " + timeout + " s");
                }
            }
            double seconds = (System.nanoTime() - measuredStart.get()) / 1e9;
            long loadCpuNanos = os.getProcessCpuTime() - cpuAtStart.get();
            ServerProcess.Stats stats = server.stats().minus(before[0]);
            double rate = stats.requests() / seconds;
            double ideal = options.idealCallsPerSecond();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("server_check", true);
            json.put("in_flight", inFlight);
            json.put("latency_ms", options.latencyMillis());
            json.put("requests", stats.requests());
            json.put("failures", failures.get());
            json.put("wall_s", round(seconds, 3));
            json.put("requests_per_s", round(rate, 1));
            json.put("ideal_calls_per_s", round(ideal, 1));
            json.put("ratio_to_ideal", round(rate / ideal, 3));
            json.put("server_cpu_ms_per_request", round((double) stats.cpuMillis() / Math.max(1, stats.requests()), 3));
            json.put("load_generator_cpu_ms_per_request", round(loadCpuNanos / 1e6 / Math.max(1, stats.requests()), 3));
            System.out.println(new ObjectMapper().writeValueAsString(json));
            return failures.get() == 0 && rate / ideal > 1.2 ? 0 : 1;
        }
    }

    /** One connection: requests back to back until {@code total} have completed across all connections. */
    private static void drive(int port, byte[] request, AtomicInteger completed, int total, AtomicLong failures) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (completed.get() < total) {
                out.write(request);
                out.flush();
                if (!readReply(in)) {
                    failures.incrementAndGet();
                }
                completed.incrementAndGet();
            }
        } catch (IOException e) {
            failures.incrementAndGet();
        }
    }

    /** Reads one reply; true when its status is 200. */
    private static boolean readReply(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            head.append((char) c);
        }
        String headers = head.toString();
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return headers.startsWith("HTTP/1.1 200");
    }

    /** An autorater-sized request (about 3 KB of body), like the evaluation's. */
    private static byte[] request(int port) {
        String body = "{\"model\":\"judge\",\"messages\":[{\"role\":\"system\",\"content\":\"You are an impartial judge.\"},"
                + "{\"role\":\"user\",\"content\":\"" + "x".repeat(3000) + "\"}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + bytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bytes, 0, all, headBytes.length, bytes.length);
        return all;
    }

    private static BigDecimal round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
    }

    private ServerLoadCheck() {
    }
}
