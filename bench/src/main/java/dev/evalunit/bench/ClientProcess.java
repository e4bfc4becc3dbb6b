package dev.evalunit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@link EvaluationRunner} in a fresh JVM (its own heap limit, its own CPU account) in the work
 * folder, relays its output to standard error, and returns its measurements.
 */
final class ClientProcess {

    /** What the measured JVM reported. */
    record Measurement(boolean succeeded, String failure, long wallNanos, long startMillis, long endMillis,
                       long cpuNanos, long machineBusyMillis, long peakHeapBytes,
                       long sampledPeakHeapBytes, long maxHeapBytes, long gcCount, long gcMillis, Map<String, Long> threadCpuMillis,
                       long kernelCpuMillis, long liveHeapBytes, long liveHeapMedianBytes, long jvmStartMillis) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The measured JVM running now, if any: stopped first when the benchmark is interrupted. */
    private static volatile Process running;

    private ClientProcess() {
    }

    /**
     * @param jvmOptions options for the measured JVM, e.g. {@code -Xmx256m}
     * @param parameters JUnit configuration parameters of the run
     * @param timeoutSeconds the JVM is killed after this long and the run fails
     */
    static Measurement run(Path workDirectory, List<String> jvmOptions, Map<String, String> parameters,
                           long timeoutSeconds, String label) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>();
        parameters.forEach((key, value) -> arguments.add(key + "=" + value));
        return run(workDirectory, jvmOptions, EvaluationRunner.class, arguments, timeoutSeconds, label);
    }

    /** Runs {@code main}, a class that measures itself with {@link MeasuredRun}, with {@code arguments}. */
    static Measurement run(Path workDirectory, List<String> jvmOptions, Class<?> main, List<String> arguments,
                           long timeoutSeconds, String label) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(Jvm.command());
        command.addAll(jvmOptions);
        command.add(main.getName());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .start();
        running = process;
        // Its standard input stays open while we wait: if this JVM dies, the measured one sees end of
        // input and exits instead of running on against a server that is gone.
        AtomicReference<String> resultLine = new AtomicReference<>();
        Thread relay = new Thread(() -> relay(process, label, resultLine), "bench-relay-" + label);
        relay.setDaemon(true);
        relay.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IOException("the " + label + " run did not finish within " + timeoutSeconds + " s; it was stopped");
            }
        } finally {
            process.getOutputStream().close();
            running = null;
        }
        relay.join(10_000);
        if (resultLine.get() == null) {
            throw new IOException("the " + label + " run exited with " + process.exitValue() + " without reporting a result");
        }
        JsonNode json = JSON.readTree(resultLine.get());
        return new Measurement(json.get("succeeded").asBoolean(),
                json.get("failure").isNull() ? null : json.get("failure").asText(),
                json.get("wall_ns").asLong(), json.get("start_ms").asLong(), json.get("end_ms").asLong(),
                json.get("cpu_ns").asLong(), json.get("machine_busy_ms").asLong(), json.get("peak_heap_bytes").asLong(),
                json.get("sampled_peak_heap_bytes").asLong(), json.get("max_heap_bytes").asLong(),
                json.get("gc_count").asLong(), json.get("gc_ms").asLong(),
                JSON.convertValue(json.get("thread_cpu_ms"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Long>>() { }),
                json.path("kernel_cpu_ms").asLong(-1), json.path("live_heap_bytes").asLong(-1),
                json.path("live_heap_median_bytes").asLong(-1), json.path("jvm_start_ms").asLong(-1));
    }

    /** Stops the measured JVM if one is running, waiting at most 10 s for it to go. */
    static void stopRunning() {
        Process process = running;
        if (process != null) {
            try {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void relay(Process process, String label, AtomicReference<String> resultLine) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(EvaluationRunner.RESULT_PREFIX)) {
                    resultLine.set(line.substring(EvaluationRunner.RESULT_PREFIX.length()));
                } else {
                    System.err.println("[" + label + "] " + line);
                }
            }
        } catch (IOException e) {
            System.err.println("[" + label + "] output lost: " + e.getMessage());
        }
    }
}
