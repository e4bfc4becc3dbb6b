package dev.evalunit.cache;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.SecretReference;
import dev.evalunit.model.ModelSettings;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API keys of the models a cache serves, masked wherever they appear. A hostile or careless
 * server may echo a request's key into a reply; the cache must neither store it nor pass it on, and
 * it masks every model's key in every entry, since one model's reply may quote another's prompt.
 */
final class SecretMask {

    /** The project's mask, as in error messages and reports. */
    static final String MASK = "***";
    /**
     * Shorter keys are placeholders for servers that want none ({@code EMPTY}, {@code ollama}):
     * masking them would rewrite ordinary words in replies. Real keys are far longer.
     */
    static final int MIN_KEY_LENGTH = 12;

    private final SecretReference secrets;
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    SecretMask(SecretReference secrets) {
        this.secrets = secrets;
    }

    /** Learns the key of {@code settings}, resolved as the client resolved it. */
    void learn(ModelSettings settings) {
        if (!settings.hasApiKey()) {
            return;
        }
        String reference = settings.apiKeyReference();
        try {
            String key = (SecretReference.isReference(reference) ? secrets.resolve(reference, "model") : reference).strip();
            if (key.length() >= MIN_KEY_LENGTH) {
                keys.add(key);
            }
        } catch (ConfigurationException e) {
            // Resolved elsewhere than here: this cache cannot know the key, and the client was made anyway.
        }
    }

    String apply(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String key : keys) {
            masked = masked.replace(key, MASK);
        }
        return masked;
    }
}
