package dev.evalunit.http;

import dev.evalunit.config.SecretForms;
import java.util.List;

/**
 * Makes server text safe to quote in a message: a server may echo the request, key included (as is,
 * URL-encoded or JSON-escaped), so the key is replaced by {@code ***} before anything is shortened or
 * shown.
 */
final class SecretScrubber {

    static final String MASK = SecretForms.MASK;
    static final int EXCERPT_LENGTH = 200;

    private final List<String> forms;

    /** @param secret the key to hide, or {@code null} when there is none */
    SecretScrubber(String secret) {
        this.forms = secret == null || secret.isEmpty() ? List.of() : SecretForms.of(secret);
    }

    String scrub(String text) {
        if (text == null) {
            return "";
        }
        return SecretForms.mask(text, forms);
    }

    /** The scrubbed text on one line, cut to its first 200 characters. */
    String excerpt(String text) {
        String line = scrub(text).replaceAll("\\s+", " ").trim();
        return line.length() <= EXCERPT_LENGTH ? line : line.substring(0, EXCERPT_LENGTH);
    }
}
