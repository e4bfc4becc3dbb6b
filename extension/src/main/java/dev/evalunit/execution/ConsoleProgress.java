package dev.evalunit.execution;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * Prints a running evaluation's {@link Progress} line on standard output, first after
 * {@value #QUIET_MILLIS} ms (a shorter run prints nothing), then every {@value #EVERY_MILLIS} ms, from
 * one daemon thread shared by all evaluations: the worker threads only bump counters.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConsoleProgress implements AutoCloseable {

    static final long QUIET_MILLIS = 3_000;
    static final long EVERY_MILLIS = 5_000;

    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "evalunit-progress");
        thread.setDaemon(true);
        return thread;
    });

    private final ScheduledFuture<?> ticks;

    private ConsoleProgress(Progress progress, PrintStream out) {
        long start = System.nanoTime();
        this.ticks = TICKER.scheduleAtFixedRate(
                () -> out.println(progress.line(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))),
                QUIET_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts printing {@code progress} until {@link #close()}. */
    public static ConsoleProgress start(Progress progress) {
        return new ConsoleProgress(progress, System.out);
    }

    @Override
    public void close() {
        ticks.cancel(false);
    }
}
