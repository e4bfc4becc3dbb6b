package dev.evalunit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The machine's busy CPU time, all processes together, from Linux's {@code /proc/stat}: subtracting
 * the benchmark's own JVMs from it shows how much other work shared the cores during a run, which
 * decides whether a wall-time figure can be trusted. Empty where {@code /proc/stat} does not exist.
 */
final class MachineCpu {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** USER_HZ: the unit of /proc/stat on every mainstream Linux build. */
    private static final long TICKS_PER_SECOND = 100;

    /** Busy (not idle, not waiting for I/O) CPU time of the machine since boot, in milliseconds. */
    static OptionalLong busyMillis() {
        try {
            String line = Files.readAllLines(PROC_STAT).get(0);
            long[] ticks = Arrays.stream(line.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
            long total = Arrays.stream(ticks).limit(8).sum();
            long idle = ticks[3] + ticks[4];
            return OptionalLong.of((total - idle) * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private MachineCpu() {
    }
}
