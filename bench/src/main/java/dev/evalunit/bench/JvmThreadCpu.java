package dev.evalunit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * This JVM's CPU time by kind of thread, from Linux's {@code /proc/self/task}: the JIT compilers and
 * the garbage collector are not Java threads that {@code ThreadMXBean} sees, yet in a short run they
 * can cost as much as the evaluation itself. Kinds: {@code jit}, {@code gc}, {@code evalunit} (the
 * engine's workers), {@code other} (JUnit's main thread, HTTP client threads, VM threads). Empty
 * where {@code /proc} does not exist. Threads that ended before a snapshot are missing from it.
 */
final class JvmThreadCpu {

    /** USER_HZ: the unit of /proc/.../stat on every mainstream Linux build. */
    private static final long TICKS_PER_SECOND = 100;

    /** CPU milliseconds so far of the live threads, summed by kind. */
    static Map<String, Long> snapshot() {
        Map<String, Long> byKind = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    String stat = Files.readString(task.resolve("stat"));
                    // Fields after the parenthesised name: state is 3rd, utime 14th, stime 15th.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    byKind.merge(kind(name), ticks * 1000 / TICKS_PER_SECOND, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // The thread ended while we looked.
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return byKind;
    }

    /** This process's CPU milliseconds in the kernel so far (system calls: files, sockets), ended threads included; -1 without /proc. */
    static long processKernelMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[12]) * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String kind(String threadName) {
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
            return "gc";
        }
        if (threadName.startsWith("evalunit-worke")) {
            return "evalunit";
        }
        return "other";
    }

    private JvmThreadCpu() {
    }
}
