package dev.evalunit.http;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.Headers;

/**
 * Reads how long a server asks us to wait from its rate-limit headers. Every wait is capped at
 * {@link RetryAfter#CAP} (60 s): a server that asks for longer is better answered by failing the call
 * with its status than by holding a test run for minutes.
 */
final class RateLimitHeaders {

    static final String RETRY_AFTER_MS = "retry-after-ms";
    static final String RETRY_AFTER = "Retry-After";
    static final String REMAINING_REQUESTS = "x-ratelimit-remaining-requests";
    static final String REMAINING_TOKENS = "x-ratelimit-remaining-tokens";
    static final String RESET_REQUESTS = "x-ratelimit-reset-requests";
    static final String RESET_TOKENS = "x-ratelimit-reset-tokens";
    // Anthropic's: the resets are RFC 3339 instants, not durations.
    static final String ANTHROPIC_REMAINING_REQUESTS = "anthropic-ratelimit-requests-remaining";
    static final String ANTHROPIC_REMAINING_TOKENS = "anthropic-ratelimit-tokens-remaining";
    static final String ANTHROPIC_RESET_REQUESTS = "anthropic-ratelimit-requests-reset";
    static final String ANTHROPIC_RESET_TOKENS = "anthropic-ratelimit-tokens-reset";

    /** One vendor's family of remaining/reset headers, and how its resets read. */
    private record Family(String remainingRequests, String resetRequests, String remainingTokens, String resetTokens,
                          BiFunction<String, Clock, Optional<Duration>> reset) {
    }

    private static final Family OPENAI = new Family(REMAINING_REQUESTS, RESET_REQUESTS, REMAINING_TOKENS,
            RESET_TOKENS, (header, clock) -> resetDuration(header));
    private static final Family ANTHROPIC = new Family(ANTHROPIC_REMAINING_REQUESTS, ANTHROPIC_RESET_REQUESTS,
            ANTHROPIC_REMAINING_TOKENS, ANTHROPIC_RESET_TOKENS, RateLimitHeaders::untilInstant);

    // One number and unit of a Go-style duration as OpenAI sends it: 1s, 6m0s, 20ms, 1h2m3.5s.
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|µs|ns)");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private RateLimitHeaders() {
    }

    /**
     * The wait before retrying a 429 or 503, from the first readable of {@code retry-after-ms},
     * {@code Retry-After} (seconds or an HTTP date), the {@code x-ratelimit-reset-*} headers (OpenAI's
     * durations) and the {@code anthropic-ratelimit-*-reset} headers (Anthropic's RFC 3339 instants);
     * empty when none is readable, and backoff decides. Of the two reset headers of a vendor, the longer
     * of those whose limit is exhausted ({@code x-ratelimit-remaining-* : 0}) counts; when the response
     * does not say which is exhausted, the longer of the two.
     */
    static Optional<Duration> retryWait(Headers headers, Clock clock) {
        return milliseconds(headers.get(RETRY_AFTER_MS))
                .or(() -> RetryAfter.parse(headers.get(RETRY_AFTER), clock))
                .or(() -> RetryAfter.parse(headers.get(HiddenRetryAfter.HEADER), clock))
                .or(() -> resetWait(headers, OPENAI, clock))
                .or(() -> resetWait(headers, ANTHROPIC, clock))
                .map(RateLimitHeaders::capped);
    }

    /**
     * How long to hold new attempts after a success that used up the request budget
     * ({@code x-ratelimit-remaining-requests: 0}, {@code anthropic-ratelimit-requests-remaining: 0}):
     * until {@code x-ratelimit-reset-requests} ({@code anthropic-ratelimit-requests-reset}). Empty
     * when requests remain or the reset is not given.
     */
    static Optional<Duration> requestsExhausted(Headers headers, Clock clock) {
        return requestsExhausted(headers, OPENAI, clock).or(() -> requestsExhausted(headers, ANTHROPIC, clock));
    }

    private static Optional<Duration> requestsExhausted(Headers headers, Family family, Clock clock) {
        if (!isZero(headers.get(family.remainingRequests()))) {
            return Optional.empty();
        }
        return family.reset().apply(headers.get(family.resetRequests()), clock);
    }

    /** The time from now to an RFC 3339 instant, e.g. {@code 2026-01-01T12:00:05Z}; zero when past, capped. */
    static Optional<Duration> untilInstant(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            Duration wait = Duration.between(clock.instant(), OffsetDateTime.parse(header.trim()).toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : capped(wait));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** A reset duration, capped: Go-style ({@code 1s}, {@code 6m0s}, {@code 20ms}) or plain seconds. */
    static Optional<Duration> resetDuration(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (PLAIN_NUMBER.matcher(value).matches()) {
            return Optional.of(nanos(new BigDecimal(value), 1_000_000_000L));
        }
        // Each part is capped before adding, and the sum after, so no value can overflow.
        Matcher part = DURATION_PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            total = total.plus(nanos(new BigDecimal(part.group(1)), nanosPer(part.group(2))));
            end = part.end();
        }
        return end == value.length() ? Optional.of(capped(total)) : Optional.empty();
    }

    private static Optional<Duration> resetWait(Headers headers, Family family, Clock clock) {
        Optional<Duration> requests = family.reset().apply(headers.get(family.resetRequests()), clock);
        Optional<Duration> tokens = family.reset().apply(headers.get(family.resetTokens()), clock);
        boolean requestsOut = isZero(headers.get(family.remainingRequests()));
        boolean tokensOut = isZero(headers.get(family.remainingTokens()));
        boolean known = (requestsOut && requests.isPresent()) || (tokensOut && tokens.isPresent());
        return Stream.of(requestsOut || !known ? requests : Optional.<Duration>empty(),
                        tokensOut || !known ? tokens : Optional.<Duration>empty())
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
    }

    private static Optional<Duration> milliseconds(String header) {
        if (header == null || !PLAIN_NUMBER.matcher(header.trim()).matches()) {
            return Optional.empty();
        }
        return Optional.of(nanos(new BigDecimal(header.trim()), 1_000_000L));
    }

    private static boolean isZero(String header) {
        return header != null && PLAIN_NUMBER.matcher(header.trim()).matches()
                && new BigDecimal(header.trim()).signum() == 0;
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "h" -> 3_600_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "s" -> 1_000_000_000L;
            case "ms" -> 1_000_000L;
            case "us", "µs" -> 1_000L;
            default -> 1L;
        };
    }

    // Anything beyond the cap is the cap; bounding before converting keeps absurd values from overflowing.
    private static Duration nanos(BigDecimal amount, long nanosPerUnit) {
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit));
        BigDecimal cap = BigDecimal.valueOf(RetryAfter.CAP.toNanos());
        return Duration.ofNanos(nanos.min(cap).longValue());
    }

    private static Duration capped(Duration wait) {
        return wait.compareTo(RetryAfter.CAP) > 0 ? RetryAfter.CAP : wait;
    }
}
