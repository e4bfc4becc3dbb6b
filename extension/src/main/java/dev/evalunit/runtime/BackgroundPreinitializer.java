package dev.evalunit.runtime;

import dev.evalunit.cache.CacheMode;
import dev.evalunit.json.JsonText;
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
 *
 * <p>Last, once per JVM, it runs the escaping of JSON strings a few hundred times on a short text, so that the JIT
 * compiles it while the run plans. Every call escapes its prompts (for the cache's key and the request's body), a
 * few kilobytes each; on two cores the compilers' queues are long in a JVM's first second, and a loop first met by
 * the workers ran interpreted until its turn came: in a rerun from the cache, up to a fifth of the run's CPU.
 */
final class BackgroundPreinitializer {

    private static final AtomicBoolean JVM_PREPARED = new AtomicBoolean();
    private static final int WARM_CALLS = 300;

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
            boolean firstInJvm = jvmPrepared.compareAndSet(false, true);
            if (firstInJvm) {
                prepareJvm(mode);
            }
            for (Runnable step : steps) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    // Left for the first call, which makes the same and reports its own failure.
                }
            }
            if (firstInJvm) {
                warmEscaping();
            }
        }, "evalunit-preinitializer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Past the JIT's first threshold (a few hundred calls), with every kind of character the loop meets. */
    private static void warmEscaping() {
        String sample = "A \"prompt\" of a few words, é 日本,\non two lines; a \\ and a \t too.";
        for (int i = 0; i < WARM_CALLS; i++) {
            JsonText.appendString(new StringBuilder(96), sample);
        }
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
