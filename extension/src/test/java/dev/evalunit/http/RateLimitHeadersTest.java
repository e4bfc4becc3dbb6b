package dev.evalunit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Headers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RateLimitHeaders")
class RateLimitHeadersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static Duration waitFor(String... namesAndValues) {
        return RateLimitHeaders.retryWait(Headers.of(namesAndValues), CLOCK).orElseThrow();
    }

    @Nested
    @DisplayName("reads the wait before a retry")
    class RetryWait {

        @Test
        @DisplayName("from retry-after-ms, in milliseconds, fractions included")
        void milliseconds() {
            assertThat(waitFor("retry-after-ms", "1500")).isEqualTo(Duration.ofMillis(1500));
            assertThat(waitFor("retry-after-ms", "20.5")).isEqualTo(Duration.ofMillis(20).plusNanos(500_000));
        }

        @Test
        @DisplayName("preferring retry-after-ms to Retry-After, and Retry-After to the reset headers")
        void precedence() {
            assertThat(waitFor("retry-after-ms", "1500", "Retry-After", "7", "x-ratelimit-reset-requests", "3s"))
                    .isEqualTo(Duration.ofMillis(1500));
            assertThat(waitFor("Retry-After", "7", "x-ratelimit-reset-requests", "3s")).isEqualTo(Duration.ofSeconds(7));
            assertThat(waitFor("Retry-After", "Wed, 01 Jan 2025 00:00:12 GMT", "x-ratelimit-reset-requests", "3s"))
                    .isEqualTo(Duration.ofSeconds(12));
        }

        @Test
        @DisplayName("passing over a header it cannot read to the next one")
        void unreadableFallsThrough() {
            assertThat(waitFor("retry-after-ms", "soon", "Retry-After", "7")).isEqualTo(Duration.ofSeconds(7));
            assertThat(waitFor("Retry-After", "later", "x-ratelimit-reset-tokens", "20ms")).isEqualTo(Duration.ofMillis(20));
        }

        @Test
        @DisplayName("from the reset of the exhausted limit when the response says which one is")
        void exhaustedLimit() {
            assertThat(waitFor("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "2s",
                    "x-ratelimit-remaining-tokens", "1200", "x-ratelimit-reset-tokens", "30s"))
                    .isEqualTo(Duration.ofSeconds(2));
            assertThat(waitFor("x-ratelimit-remaining-requests", "12", "x-ratelimit-reset-requests", "2s",
                    "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "150ms"))
                    .isEqualTo(Duration.ofMillis(150));
        }

        @Test
        @DisplayName("from the longer reset when the response does not say which limit is exhausted")
        void longerReset() {
            assertThat(waitFor("x-ratelimit-reset-requests", "2s", "x-ratelimit-reset-tokens", "6m0s"))
                    .isEqualTo(Duration.ofSeconds(60));
            assertThat(waitFor("x-ratelimit-reset-requests", "2s", "x-ratelimit-reset-tokens", "150ms"))
                    .isEqualTo(Duration.ofSeconds(2));
        }

        @Test
        @DisplayName("capped at 60 s, whichever header asks")
        void capped() {
            assertThat(waitFor("retry-after-ms", "90000")).isEqualTo(Duration.ofSeconds(60));
            assertThat(waitFor("retry-after-ms", "9".repeat(40))).isEqualTo(Duration.ofSeconds(60));
            assertThat(waitFor("Retry-After", "3600")).isEqualTo(Duration.ofSeconds(60));
            assertThat(waitFor("x-ratelimit-reset-requests", "1h")).isEqualTo(Duration.ofSeconds(60));
        }

        @Test
        @DisplayName("as empty when no header is readable, leaving the wait to backoff")
        void none() {
            assertThat(RateLimitHeaders.retryWait(Headers.of(), CLOCK)).isEmpty();
            assertThat(RateLimitHeaders.retryWait(Headers.of("retry-after-ms", "-5", "x-ratelimit-reset-requests", "1 s"),
                    CLOCK)).isEmpty();
        }
    }

    @Nested
    @DisplayName("reads OpenAI's reset durations")
    class ResetDurations {

        @Test
        @DisplayName("in seconds, minutes, hours and milliseconds, combined and with fractions")
        void units() {
            assertThat(RateLimitHeaders.resetDuration("1s")).contains(Duration.ofSeconds(1));
            assertThat(RateLimitHeaders.resetDuration("20ms")).contains(Duration.ofMillis(20));
            assertThat(RateLimitHeaders.resetDuration("6m0s")).contains(Duration.ofSeconds(60));
            assertThat(RateLimitHeaders.resetDuration("0m45s")).contains(Duration.ofSeconds(45));
            assertThat(RateLimitHeaders.resetDuration("0.5m")).contains(Duration.ofSeconds(30));
            assertThat(RateLimitHeaders.resetDuration("0.5s")).contains(Duration.ofMillis(500));
            assertThat(RateLimitHeaders.resetDuration("12.25s")).contains(Duration.ofMillis(12_250));
            assertThat(RateLimitHeaders.resetDuration("40s2ms")).contains(Duration.ofMillis(40_002));
            assertThat(RateLimitHeaders.resetDuration("750us")).contains(Duration.ofNanos(750_000));
            assertThat(RateLimitHeaders.resetDuration("0h0m1s")).contains(Duration.ofSeconds(1));
        }

        @Test
        @DisplayName("capped at 60 s")
        void capped() {
            assertThat(RateLimitHeaders.resetDuration("1m30.5s")).contains(Duration.ofSeconds(60));
            assertThat(RateLimitHeaders.resetDuration("59s59s")).contains(Duration.ofSeconds(60));
            assertThat(RateLimitHeaders.resetDuration("99999999999999999999h")).contains(Duration.ofSeconds(60));
        }

        @Test
        @DisplayName("and plain numbers as seconds")
        void plainSeconds() {
            assertThat(RateLimitHeaders.resetDuration("3")).contains(Duration.ofSeconds(3));
            assertThat(RateLimitHeaders.resetDuration("0.25")).contains(Duration.ofMillis(250));
        }

        @Test
        @DisplayName("but nothing else")
        void unreadable() {
            assertThat(RateLimitHeaders.resetDuration(null)).isEmpty();
            assertThat(RateLimitHeaders.resetDuration("")).isEmpty();
            assertThat(RateLimitHeaders.resetDuration("soon")).isEmpty();
            assertThat(RateLimitHeaders.resetDuration("1s later")).isEmpty();
            assertThat(RateLimitHeaders.resetDuration("s")).isEmpty();
            assertThat(RateLimitHeaders.resetDuration("1d")).isEmpty();
        }
    }

    @Nested
    @DisplayName("after a success, asks to hold new attempts")
    class Exhausted {

        @Test
        @DisplayName("until the request budget resets, when it is used up")
        void usedUp() {
            assertThat(RateLimitHeaders.requestsExhausted(Headers.of("x-ratelimit-remaining-requests", "0",
                    "x-ratelimit-reset-requests", "1.5s"), CLOCK)).contains(Duration.ofMillis(1500));
        }

        @Test
        @DisplayName("not while requests remain, nor when the reset is not given")
        void notNeeded() {
            assertThat(RateLimitHeaders.requestsExhausted(Headers.of("x-ratelimit-remaining-requests", "3",
                    "x-ratelimit-reset-requests", "1.5s"), CLOCK)).isEmpty();
            assertThat(RateLimitHeaders.requestsExhausted(Headers.of("x-ratelimit-remaining-requests", "0"), CLOCK)).isEmpty();
            assertThat(RateLimitHeaders.requestsExhausted(Headers.of("x-ratelimit-remaining-tokens", "0",
                    "x-ratelimit-reset-tokens", "1.5s"), CLOCK)).isEmpty();
        }

        @Test
        @DisplayName("until Anthropic's request budget resets, at the RFC 3339 instant it gives")
        void anthropicUsedUp() {
            assertThat(RateLimitHeaders.requestsExhausted(Headers.of("anthropic-ratelimit-requests-remaining", "0",
                    "anthropic-ratelimit-requests-reset", "2025-01-01T00:00:02.5Z"), CLOCK)).contains(Duration.ofMillis(2500));
            assertThat(RateLimitHeaders.requestsExhausted(Headers.of("anthropic-ratelimit-requests-remaining", "7",
                    "anthropic-ratelimit-requests-reset", "2025-01-01T00:00:02Z"), CLOCK)).isEmpty();
        }
    }

    @Nested
    @DisplayName("reads Anthropic's anthropic-ratelimit-* headers")
    class Anthropic {

        @Test
        @DisplayName("retry-after, in seconds, comes first")
        void retryAfter() {
            assertThat(waitFor("retry-after", "7", "anthropic-ratelimit-requests-remaining", "0",
                    "anthropic-ratelimit-requests-reset", "2025-01-01T00:00:30Z")).isEqualTo(Duration.ofSeconds(7));
        }

        @Test
        @DisplayName("without it, until the exhausted budget's reset instant")
        void resetInstant() {
            assertThat(waitFor("anthropic-ratelimit-tokens-remaining", "0",
                    "anthropic-ratelimit-tokens-reset", "2025-01-01T00:00:04Z",
                    "anthropic-ratelimit-requests-remaining", "12",
                    "anthropic-ratelimit-requests-reset", "2025-01-01T00:00:20Z")).isEqualTo(Duration.ofSeconds(4));
        }

        @Test
        @DisplayName("an instant with an offset, or in the past, or far ahead")
        void instants() {
            assertThat(waitFor("anthropic-ratelimit-requests-remaining", "0",
                    "anthropic-ratelimit-requests-reset", "2025-01-01T01:00:03+01:00")).isEqualTo(Duration.ofSeconds(3));
            assertThat(waitFor("anthropic-ratelimit-requests-remaining", "0",
                    "anthropic-ratelimit-requests-reset", "2024-12-31T23:59:00Z")).isEqualTo(Duration.ZERO);
            assertThat(waitFor("anthropic-ratelimit-requests-remaining", "0",
                    "anthropic-ratelimit-requests-reset", "2025-01-02T00:00:00Z")).isEqualTo(RetryAfter.CAP);
            assertThat(RateLimitHeaders.retryWait(Headers.of("anthropic-ratelimit-requests-remaining", "0",
                    "anthropic-ratelimit-requests-reset", "soon"), CLOCK)).isEmpty();
        }
    }
}
