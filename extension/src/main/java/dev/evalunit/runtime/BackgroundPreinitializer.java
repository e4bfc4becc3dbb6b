package dev.evalunit.runtime;

import dev.evalunit.cache.CacheMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Security;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts, on a thread of its own, the JVM's one-time set-ups that an evaluation's first model call would
 * otherwise wait for, while the run plans (reads its dataset, checks its prompts) on another core: the Java
 * security providers and SHA-256, which the response cache's first key needs (some 20-30 ms the first time in
 * a JVM), and the list of every security provider, which OkHttp's platform check reads at the first HTTP call.
 * What Spring Boot's {@code BackgroundPreinitializer} does for its own first request.
 *
 * <p>Nothing here changes what a run does or can fail: each set-up is the JVM's own, made once per JVM and
 * shared by whichever thread asks first, and a failure here is left for the call that needs it to report.
 * Once per JVM; a daemon thread, so it never holds the JVM open.
 */
final class BackgroundPreinitializer {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private BackgroundPreinitializer() {
    }

    /** Starts the set-ups that a run in {@code mode} will need, unless a run of this JVM started them already. */
    static void start(CacheMode mode) {
        start(mode, STARTED);
    }

    /** As {@link #start(CacheMode)}, once per {@code started}: the thread started, or {@code null}. */
    static Thread start(CacheMode mode, AtomicBoolean started) {
        if (!started.compareAndSet(false, true)) {
            return null;
        }
        Thread thread = new Thread(() -> preinitialize(mode), "evalunit-preinitializer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void preinitialize(CacheMode mode) {
        try {
            if (mode != CacheMode.OFF) {
                MessageDigest.getInstance("SHA-256").digest("evalunit".getBytes(StandardCharsets.UTF_8));
            }
            if (callsModels(mode)) {
                Security.getProviders();
            }
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            // Left for the code that needs it: the cache's key or the HTTP client reports its own failure.
        }
    }

    private static boolean callsModels(CacheMode mode) {
        return mode != CacheMode.REPLAY;
    }
}
