package dev.evalunit.http;

/**
 * Makes server text safe to quote in a message: a server may echo the request, key included, so
 * the key is replaced by {@code ***} before anything is shortened or shown.
 */
final class SecretScrubber {

    static final String MASK = "***";
    static final int EXCERPT_LENGTH = 200;

    private final String secret;

    /** @param secret the key to hide, or {@code null} when there is none */
    SecretScrubber(String secret) {
        this.secret = secret == null || secret.isEmpty() ? null : secret;
    }

    String scrub(String text) {
        if (text == null) {
            return "";
        }
        return secret == null ? text : text.replace(secret, MASK);
    }

    /** The scrubbed text on one line, cut to its first 200 characters. */
    String excerpt(String text) {
        String line = scrub(text).replaceAll("\\s+", " ").trim();
        return line.length() <= EXCERPT_LENGTH ? line : line.substring(0, EXCERPT_LENGTH);
    }
}
