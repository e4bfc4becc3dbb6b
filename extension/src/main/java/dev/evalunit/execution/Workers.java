package dev.evalunit.execution;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * The threads evaluations run on. Every model call blocks its thread, so a pool of {@code size}
 * threads keeps at most {@code size} calls in flight. Daemon threads: an interrupted test run must
 * not be kept alive by them.
 */
@API(status = INTERNAL, since = "0.1")
public final class Workers {

    private Workers() {
    }

    public static ExecutorService pool(int size, String namePrefix) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(size, runnable -> {
            Thread thread = new Thread(runnable, namePrefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
