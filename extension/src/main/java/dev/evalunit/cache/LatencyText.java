package dev.evalunit.cache;

import java.time.Duration;

/**
 * A stored reply's {@code latency}, as {@link Duration#toString()} wrote it. {@link Duration#parse} runs a
 * regular expression, which a profile of a cached rerun showed at 4% of the workers' time (10,000 entries
 * read); the form every latency under a minute takes, {@code PT<seconds>[.<fraction>]S}, is read here
 * directly, and every other text (minutes, hours, a sign, a mistake) by {@link Duration#parse}, so the
 * result, and the error, are Duration's own.
 */
final class LatencyText {

    /** Seconds beyond this many digits could overflow a long; {@link Duration#parse} takes them. */
    private static final int MAX_SECOND_DIGITS = 18;
    private static final int NANO_DIGITS = 9;

    static Duration parse(String text) {
        int end = text.length() - 1;
        if (end < 3 || !text.startsWith("PT") || text.charAt(end) != 'S') {
            return Duration.parse(text);
        }
        int dot = text.indexOf('.', 2);
        int secondsEnd = dot < 0 ? end : dot;
        long seconds = digits(text, 2, secondsEnd, MAX_SECOND_DIGITS);
        if (seconds < 0) {
            return Duration.parse(text);
        }
        if (dot < 0) {
            return Duration.ofSeconds(seconds);
        }
        long fraction = digits(text, dot + 1, end, NANO_DIGITS);
        if (fraction < 0) {
            return Duration.parse(text);
        }
        for (int i = end - dot - 1; i < NANO_DIGITS; i++) {
            fraction *= 10;
        }
        return Duration.ofSeconds(seconds, fraction);
    }

    /** The decimal number in {@code text[from, to)}, or -1 unless it is 1 to {@code maxDigits} ASCII digits. */
    private static long digits(String text, int from, int to, int maxDigits) {
        if (to <= from || to - from > maxDigits) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private LatencyText() {
    }
}
