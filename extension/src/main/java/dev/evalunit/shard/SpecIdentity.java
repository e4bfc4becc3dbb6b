package dev.evalunit.shard;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What identifies an evaluation across its shards: SHA-256 (hex, first 16 bytes) of the parts of its
 * plan that decide its figures, as text, one per line. Callers pass no secret: names, sources and
 * settings only. Two shards of one evaluation have the same identity; a changed dataset size, model,
 * task or setting gives another.
 */
@API(status = INTERNAL, since = "0.1")
public final class SpecIdentity {

    private SpecIdentity() {
    }

    public static String of(List<?> parts) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            text.append(part).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
