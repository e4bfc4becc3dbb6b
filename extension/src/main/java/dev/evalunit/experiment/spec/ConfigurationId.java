package dev.evalunit.experiment.spec;

import dev.evalunit.json.JsonValueText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configuration's stable id: the first 12 hex characters of the SHA-256 of its canonical JSON (keys sorted at
 * every level, no whitespace), secrets and the experiment's {@code name} left out. Repeats of a configuration
 * share it; it does not change across runs, key orders or API keys.
 */
final class ConfigurationId {

    private static final int LENGTH = 12;

    private ConfigurationId() {
    }

    /** @param recordedConfiguration the merged configuration with secrets already removed */
    static String of(Map<String, Object> recordedConfiguration) {
        return hash(JsonValueText.canonical(identity(recordedConfiguration)));
    }

    /** What identifies a configuration: everything but the experiment's own name. */
    static Map<String, Object> identity(Map<String, Object> recordedConfiguration) {
        Map<String, Object> identity = new LinkedHashMap<>(recordedConfiguration);
        identity.remove("name");
        return identity;
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
