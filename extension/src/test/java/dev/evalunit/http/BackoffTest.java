package dev.evalunit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Backoff and Retry-After")
class BackoffTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Nested
    @DisplayName("exponential backoff with full jitter")
    class FullJitter {

        private Backoff backoff(double random) {
            return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), () -> random, delay -> {
            }, CLOCK);
        }

        @Test
        @DisplayName("doubles the ceiling from 200 ms with each retry and draws below it")
        void doubles() {
            Backoff half = backoff(0.5);

            assertThat(half.delayBefore(1)).isEqualTo(Duration.ofMillis(100));
            assertThat(half.delayBefore(2)).isEqualTo(Duration.ofMillis(200));
            assertThat(half.delayBefore(3)).isEqualTo(Duration.ofMillis(400));
        }

        @Test
        @DisplayName("never exceeds the 10 s cap, however many retries")
        void capped() {
            Backoff threeQuarters = backoff(0.75);

            assertThat(threeQuarters.delayBefore(6)).isEqualTo(Duration.ofMillis(4800));
            assertThat(threeQuarters.delayBefore(7)).isEqualTo(Duration.ofMillis(7500));
            assertThat(threeQuarters.delayBefore(1000)).isEqualTo(Duration.ofMillis(7500));
        }

        @Test
        @DisplayName("may draw no wait at all")
        void zero() {
            assertThat(backoff(0.0).delayBefore(3)).isEqualTo(Duration.ZERO);
        }
    }

    @Nested
    @DisplayName("Retry-After")
    class RetryAfterHeader {

        @Test
        @DisplayName("reads delay seconds")
        void seconds() {
            assertThat(RetryAfter.parse("7", CLOCK)).contains(Duration.ofSeconds(7));
        }

        @Test
        @DisplayName("reads an HTTP date as the time left until it")
        void httpDate() {
            assertThat(RetryAfter.parse("Wed, 01 Jan 2025 00:00:12 GMT", CLOCK)).contains(Duration.ofSeconds(12));
        }

        @Test
        @DisplayName("caps the wait at 60 s")
        void cap() {
            assertThat(RetryAfter.parse("3600", CLOCK)).contains(Duration.ofSeconds(60));
            assertThat(RetryAfter.parse("99999999999999999999", CLOCK)).contains(Duration.ofSeconds(60));
            assertThat(RetryAfter.parse("Thu, 02 Jan 2025 00:00:00 GMT", CLOCK)).contains(Duration.ofSeconds(60));
        }

        @Test
        @DisplayName("waits nothing for a date in the past")
        void past() {
            assertThat(RetryAfter.parse("Tue, 31 Dec 2024 23:59:00 GMT", CLOCK)).contains(Duration.ZERO);
        }

        @Test
        @DisplayName("leaves the wait to backoff when absent or unreadable")
        void unreadable() {
            assertThat(RetryAfter.parse(null, CLOCK)).isEmpty();
            assertThat(RetryAfter.parse("soon", CLOCK)).isEmpty();
        }
    }
}
