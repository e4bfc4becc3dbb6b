package dev.evalunit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.cache.CacheMode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The background preinitializer")
class BackgroundPreinitializerTest {

    @ParameterizedTest(name = "cache mode {0}")
    @EnumSource(CacheMode.class)
    @DisplayName("runs the run's preparation on a daemon thread of its own, which ends by itself")
    void daemonThread(CacheMode mode) throws InterruptedException {
        AtomicInteger prepared = new AtomicInteger();

        Thread thread = BackgroundPreinitializer.start(mode, List.of(prepared::incrementAndGet), new AtomicBoolean());

        assertThat(thread.getName()).isEqualTo("evalunit-preinitializer");
        assertThat(thread.isDaemon()).as("a daemon thread never holds the JVM open").isTrue();
        thread.join(10_000);
        assertThat(thread.isAlive()).as("still running after 10 s").isFalse();
        assertThat(prepared).hasValue(1);
    }

    @Test
    @DisplayName("makes the JVM's set-ups once, and each run's preparation every time")
    void jvmOnce() throws InterruptedException {
        AtomicBoolean jvmPrepared = new AtomicBoolean();
        AtomicInteger prepared = new AtomicInteger();

        BackgroundPreinitializer.start(CacheMode.LIVE, List.of(prepared::incrementAndGet), jvmPrepared).join(10_000);
        assertThat(jvmPrepared).as("the JVM's set-ups made").isTrue();
        BackgroundPreinitializer.start(CacheMode.LIVE, List.of(prepared::incrementAndGet), jvmPrepared).join(10_000);

        assertThat(prepared).as("the runs' preparations").hasValue(2);
    }

    @Test
    @DisplayName("leaves a failing preparation to the first call, which makes the same and reports it, and makes the next one")
    void failureLeftForTheCall() throws InterruptedException {
        CountDownLatch handlerSet = new CountDownLatch(1);
        List<String> made = new CopyOnWriteArrayList<>();
        Thread thread = BackgroundPreinitializer.start(CacheMode.LIVE, List.of(() -> {
            awaitQuietly(handlerSet);
            throw new IllegalStateException("no client");
        }, () -> made.add("the cache's index")), new AtomicBoolean(true));
        AtomicBoolean uncaught = new AtomicBoolean();
        thread.setUncaughtExceptionHandler((t, e) -> uncaught.set(true));
        handlerSet.countDown();

        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(uncaught).as("an exception escaped the thread").isFalse();
        assertThat(made).as("the preparations after the failing one").containsExactly("the cache's index");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
