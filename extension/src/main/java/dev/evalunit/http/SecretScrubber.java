package dev.evalunit.http;

import dev.evalunit.config.SecretForms;
import java.util.List;

/**
 * Makes server text safe to quote in a message: a server may echo the request, key included (as is,
 * URL-encoded or JSON-escaped), so the key is replaced by {@code ***} before anything is shortened or
 * shown. A model whose credential changes during the run (a refreshed access token) adds each new one
 * ({@link #learn}); the earlier ones stay masked.
 */
final class SecretScrubber {

    static final String MASK = SecretForms.MASK;

    /** Every form of every secret learnt, longest first. */
    private volatile List<String> forms;

    /** @param secret the key to hide, or {@code null} when there is none */
    SecretScrubber(String secret) {
        this.forms = secret == null || secret.isEmpty() ? List.of() : SecretForms.of(secret);
    }

    /** Masks {@code secret} too from now on, with its {@link SecretForms}. */
    synchronized void learn(String secret) {
        if (secret == null || secret.isEmpty()) {
            return;
        }
        forms = SecretForms.adding(forms, secret);
    }

    String scrub(String text) {
        if (text == null) {
            return "";
        }
        return SecretForms.mask(text, forms);
    }

    /**
     * The scrubbed text made readable ({@link ServerQuote}): a JSON body's message, an HTML page's
     * title, or the text cut at a word boundary. Scrubbed again after decoding, in case the key was
     * written with JSON escapes the raw forms do not match.
     */
    String excerpt(String text) {
        return scrub(ServerQuote.of(scrub(text)));
    }
}
