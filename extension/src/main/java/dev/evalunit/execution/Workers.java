package dev.evalunit.execution;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.http.CallSlots;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * The threads evaluations run on: {@code size} tasks start work at once, each holding one of
 * {@code size} {@link CallSlots places}. A task gives its place back while it only waits (a retry's
 * backoff, a 429's {@code Retry-After}, a paused endpoint), and the pool has {@value #THREADS_PER_PLACE}
 * threads per place, so another task takes it: a call backing off does not leave a place empty. Daemon
 * threads: an interrupted test run must not be kept alive by them.
 */
@API(status = INTERNAL, since = "0.1")
public final class Workers {

    /** Threads per place: one working, one that may be waiting to retry. */
    static final int THREADS_PER_PLACE = 2;

    private Workers() {
    }

    public static ExecutorService pool(int size, String namePrefix) {
        AtomicInteger count = new AtomicInteger();
        CallSlots slots = new CallSlots(size);
        int threads = Math.multiplyExact(size, THREADS_PER_PLACE);
        return new Pool(size, threads, slots, runnable -> {
            Thread thread = new Thread(runnable, namePrefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * How many tasks of {@code pool} start work at once: its places when {@link #pool} made it, else its
     * largest number of threads, else {@code fallback}.
     */
    public static int places(ExecutorService pool, int fallback) {
        if (pool instanceof Pool ours) {
            return ours.places;
        }
        return pool instanceof ThreadPoolExecutor other ? other.getMaximumPoolSize() : fallback;
    }

    /** A pool whose tasks hold one of its {@link CallSlots places} while they work. */
    private static final class Pool extends ThreadPoolExecutor {

        private final int places;
        private final CallSlots slots;

        Pool(int places, int threads, CallSlots slots, java.util.concurrent.ThreadFactory factory) {
            super(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
            this.places = places;
            this.slots = slots;
        }

        @Override
        protected void beforeExecute(Thread thread, Runnable task) {
            slots.enter();
        }

        @Override
        protected void afterExecute(Runnable task, Throwable failure) {
            slots.leave();
        }
    }
}
