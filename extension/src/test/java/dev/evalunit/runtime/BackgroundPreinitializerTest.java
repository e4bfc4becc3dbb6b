package dev.evalunit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.cache.CacheMode;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The background preinitializer")
class BackgroundPreinitializerTest {

    @ParameterizedTest(name = "cache mode {0}")
    @EnumSource(CacheMode.class)
    @DisplayName("starts one daemon thread of its own, once, which ends by itself")
    void oneDaemonThreadOnce(CacheMode mode) throws InterruptedException {
        AtomicBoolean started = new AtomicBoolean();

        Thread thread = BackgroundPreinitializer.start(mode, started);
        Thread again = BackgroundPreinitializer.start(mode, started);

        assertThat(thread).isNotNull();
        assertThat(thread.getName()).isEqualTo("evalunit-preinitializer");
        assertThat(thread.isDaemon()).as("a daemon thread never holds the JVM open").isTrue();
        assertThat(again).as("a second start of the same run").isNull();
        thread.join(10_000);
        assertThat(thread.isAlive()).as("still running after 10 s").isFalse();
    }
}
