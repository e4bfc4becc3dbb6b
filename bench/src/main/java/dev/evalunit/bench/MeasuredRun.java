package dev.evalunit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a measured JVM measures around its work: wall time, process CPU (and its kernel share, by
 * kind of thread), heap peaks, GC, and what else ran on the machine. Prints one line
 * {@value EvaluationRunner#RESULT_PREFIX}{@code {json}} for {@link ClientProcess}, then exits.
 */
final class MeasuredRun {

    /**
     * System property of the measured JVM: every so many milliseconds a full collection and the heap in
     * use after it, whose largest value is reported as {@code live_heap_bytes} ({@code --live-heap}).
     */
    static final String LIVE_HEAP_PROPERTY = "bench.live-heap-ms";

    /** Whether the work did what it should, and if not, why. */
    record Outcome(boolean succeeded, String failure) {
    }

    private MeasuredRun() {
    }

    static void measure(Callable<Outcome> work) throws Exception {
        exitWhenParentGoes();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long gcCountBefore = gcCount();
        long gcMillisBefore = gcMillis();
        Map<String, Long> threadCpuBefore = JvmThreadCpu.snapshot();
        HeapSampler sampler = HeapSampler.start();
        LiveHeap liveHeap = LiveHeap.start(Long.getLong(LIVE_HEAP_PROPERTY, 0));
        long kernelBefore = JvmThreadCpu.processKernelMillis();
        long cpuBefore = os.getProcessCpuTime();
        long machineBefore = MachineCpu.busyMillis().orElse(-1);
        long startMillis = System.currentTimeMillis();
        long start = System.nanoTime();

        Outcome outcome = work.call();
        liveHeap.stop();

        long wallNanos = System.nanoTime() - start;
        long endMillis = System.currentTimeMillis();
        long cpuNanos = os.getProcessCpuTime() - cpuBefore;
        long kernelAfter = JvmThreadCpu.processKernelMillis();
        long machineAfter = MachineCpu.busyMillis().orElse(-1);
        Map<String, Long> threadCpu = new LinkedHashMap<>(JvmThreadCpu.snapshot());
        threadCpu.replaceAll((kind, millis) -> millis - threadCpuBefore.getOrDefault(kind, 0L));
        if (!threadCpu.isEmpty()) {
            // Worker pools are shut down when the work ends: their threads are gone by now.
            threadCpu.put("ended_threads", Math.max(0,
                    cpuNanos / 1_000_000 - threadCpu.values().stream().mapToLong(Long::longValue).sum()));
        }
        long sampledPeak = sampler.stop();
        long peakBytes = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();

        Map<String, Object> line = new LinkedHashMap<>();
        line.put("succeeded", outcome.succeeded());
        line.put("failure", outcome.failure());
        line.put("wall_ns", wallNanos);
        line.put("start_ms", startMillis);
        line.put("jvm_start_ms", java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        line.put("end_ms", endMillis);
        line.put("cpu_ns", cpuNanos);
        line.put("machine_busy_ms", machineBefore < 0 || machineAfter < 0 ? -1 : machineAfter - machineBefore);
        line.put("peak_heap_bytes", peakBytes);
        line.put("sampled_peak_heap_bytes", sampledPeak);
        line.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        line.put("live_heap_bytes", liveHeap.largest());
        line.put("live_heap_median_bytes", liveHeap.median());
        line.put("gc_count", gcCount() - gcCountBefore);
        line.put("gc_ms", gcMillis() - gcMillisBefore);
        line.put("thread_cpu_ms", threadCpu);
        line.put("kernel_cpu_ms", kernelBefore < 0 || kernelAfter < 0 ? -1 : kernelAfter - kernelBefore);
        line.put("available_processors", Runtime.getRuntime().availableProcessors());
        System.out.println(EvaluationRunner.RESULT_PREFIX + new ObjectMapper().writeValueAsString(line));
        System.out.flush();
        System.exit(0);
    }

    /** The benchmark holds our standard input open; its end means the benchmark is gone. */
    private static void exitWhenParentGoes() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Nothing is expected on standard input.
                }
            } catch (java.io.IOException ignored) {
                // A broken pipe means the same as end of input.
            }
            System.err.println("[bench] the benchmark process is gone; stopping");
            Runtime.getRuntime().halt(3);
        }, "bench-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /**
     * Samples the heap in use every 20 ms: a second view of the peak, of what was in use at one
     * moment, beside the per-pool peaks (whose sum can count two moments).
     */
    private static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        private HeapSampler() {
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap-sampler");
            thread.setDaemon(true);
        }

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.start();
            return sampler;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(1000);
            return peak.get();
        }
    }

    /**
     * The live set: every interval a full collection ({@code System.gc()}, stop-the-world in G1 by default)
     * and the heap in use right after it. The heap in use after a young collection, or a pool's peak, also
     * counts garbage the collector has not reached yet. Both the largest sample and the median are kept:
     * the largest catches a moment's transient (the buffers of the calls in flight), so it grows with the
     * number of samples a longer run takes; the median is the run's typical live set.
     */
    private static final class LiveHeap {
        /** Samples kept at most (a run of 24 hours at 1 s); later ones count towards the largest only. */
        private static final int MAX_SAMPLES = 86_400;

        private long[] samples = new long[256];
        private int count;
        private long largest = -1;
        private final Thread thread;

        private LiveHeap(long intervalMillis) {
            thread = intervalMillis <= 0 ? null : new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(intervalMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                    sample();
                }
            }, "bench-live-heap");
            if (thread != null) {
                thread.setDaemon(true);
            }
        }

        static LiveHeap start(long intervalMillis) {
            LiveHeap live = new LiveHeap(intervalMillis);
            if (live.thread != null) {
                live.thread.start();
            }
            return live;
        }

        private synchronized void sample() {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            largest = Math.max(largest, used);
            if (count == samples.length && count < MAX_SAMPLES) {
                samples = java.util.Arrays.copyOf(samples, Math.min(MAX_SAMPLES, count * 2));
            }
            if (count < samples.length) {
                samples[count++] = used;
            }
        }

        /** Stops sampling; then {@link #largest()} and {@link #median()}. */
        void stop() throws InterruptedException {
            if (thread != null) {
                thread.interrupt();
                thread.join(10_000);
            }
        }

        /** The largest sample, or -1 when none was taken. */
        synchronized long largest() {
            return largest;
        }

        /** The median sample, or -1 when none was taken. */
        synchronized long median() {
            if (count == 0) {
                return -1;
            }
            long[] sorted = java.util.Arrays.copyOf(samples, count);
            java.util.Arrays.sort(sorted);
            return sorted[count / 2];
        }
    }
}
