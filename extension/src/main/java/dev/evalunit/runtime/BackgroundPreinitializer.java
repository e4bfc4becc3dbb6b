package dev.evalunit.runtime;

import dev.evalunit.cache.CacheMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes, on a thread of its own, the one-time set-ups that an evaluation's first model call would otherwise
 * wait for, while the run plans (reads its dataset, checks its prompts) on another core: SHA-256, which the
 * response cache's first key needs (some 20-30 ms the first time in a JVM, with the security providers it loads),
 * and then the run's own preparations, in the order the run needs them: the response cache's index, then, when it
 * will call models, its HTTP client (OkHttp's platform check lists every security provider). What Spring Boot's
 * {@code BackgroundPreinitializer} does for its own first request.
 *
 * <p>Nothing here changes what a run does or can fail: the JVM's set-ups are made once per JVM and shared by
 * whichever thread asks first, the run's preparation is what its first call would make anyway, and a failure
 * here is left for the call that needs it to report (and keeps none of the later preparations from being made).
 * A daemon thread, so it never holds the JVM open.
 */
final class BackgroundPreinitializer {

    private static final AtomicBoolean JVM_PREPARED = new AtomicBoolean();

    private BackgroundPreinitializer() {
    }

    /**
     * Starts the set-ups that a run in {@code mode} will need (the JVM's unless a run of this JVM started them
     * already), then {@code forThisRun}, in order.
     */
    static void start(CacheMode mode, List<Runnable> forThisRun) {
        start(mode, forThisRun, JVM_PREPARED);
    }

    /** As {@link #start(CacheMode, List)}, the JVM's set-ups once per {@code jvmPrepared}; the thread started. */
    static Thread start(CacheMode mode, List<Runnable> forThisRun, AtomicBoolean jvmPrepared) {
        List<Runnable> steps = List.copyOf(forThisRun);
        Thread thread = new Thread(() -> {
            if (jvmPrepared.compareAndSet(false, true)) {
                prepareJvm(mode);
            }
            for (Runnable step : steps) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    // Left for the first call, which makes the same and reports its own failure.
                }
            }
        }, "evalunit-preinitializer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void prepareJvm(CacheMode mode) {
        try {
            if (mode != CacheMode.OFF) {
                MessageDigest.getInstance("SHA-256").digest("evalunit".getBytes(StandardCharsets.UTF_8));
            }
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            // Left for the code that needs it: the cache's key reports its own failure.
        }
    }
}
