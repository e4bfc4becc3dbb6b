package dev.evalunit.cache;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.SecretForms;
import dev.evalunit.config.SecretReference;
import dev.evalunit.model.ModelSettings;
import java.util.List;

/**
 * The API keys of the models a cache serves, masked wherever they appear. A hostile or careless
 * server may echo a request's key into a reply; the cache must neither store it nor pass it on, and
 * it masks every model's key in every entry, since one model's reply may quote another's prompt.
 */
final class SecretMask {

    /** The project's mask, as in error messages and reports. */
    static final String MASK = SecretForms.MASK;
    /**
     * Shorter keys are placeholders for servers that want none ({@code EMPTY}, {@code ollama}):
     * masking them would rewrite ordinary words in replies. Real keys are far longer.
     */
    static final int MIN_KEY_LENGTH = 12;

    private final SecretReference secrets;
    /** Every form of every key learnt ({@link SecretForms}), longest first. */
    private volatile List<String> forms = List.of();

    SecretMask(SecretReference secrets) {
        this.secrets = secrets;
    }

    /** Learns the key of {@code settings}, resolved as the client resolved it. */
    void learn(ModelSettings settings) {
        if (!settings.hasApiKey()) {
            return;
        }
        try {
            String key = secrets.resolve(settings.apiKeyReference(), "model").strip();
            if (key.length() >= MIN_KEY_LENGTH) {
                add(key);
            }
        } catch (ConfigurationException e) {
            // Resolved elsewhere than here: this cache cannot know the key, and the client was made anyway.
        }
    }

    private synchronized void add(String key) {
        forms = SecretForms.adding(forms, key);
    }

    String apply(String text) {
        if (text == null) {
            return null;
        }
        return SecretForms.mask(text, forms);
    }
}
