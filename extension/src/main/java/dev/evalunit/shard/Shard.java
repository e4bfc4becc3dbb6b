package dev.evalunit.shard;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * One of {@code count} deterministic parts of every evaluation ({@value #KEY}{@code =K/N}). An example
 * belongs to the part its ids hash to: FNV-1a (64 bits) of the ids' canonical text, {@code name=value}
 * per id joined by a unit separator, in UTF-8. The text of an id is how reports show it (the number
 * {@code 1} and the string {@code "1"} are the same id), so every machine and JVM splits alike.
 *
 * @param index K, from 1
 * @param count N, at least {@code index}
 */
@API(status = INTERNAL, since = "0.1")
public record Shard(int index, int count) {

    /** The part of every evaluation this run runs, {@code K/N}. Default: all of it. */
    public static final String KEY = ConfigKeys.SHARD;

    /** The whole evaluation: {@code 1/1}. */
    public static final Shard WHOLE = new Shard(1, 1);

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    public Shard {
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is K/N with 1 <= K <= N: " + index + "/" + count);
        }
    }

    /** {@value #KEY}, or {@link #WHOLE} when unset. */
    public static Shard from(EvalConfig config) {
        return config.get(KEY).map(Shard::parse).orElse(WHOLE);
    }

    /**
     * @throws ConfigurationException unless {@code text} is {@code K/N} with 1 <= K <= N
     */
    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text);
        if (m.matches()) {
            int k = Integer.parseInt(m.group(1));
            int n = Integer.parseInt(m.group(2));
            if (k >= 1 && k <= n) {
                return new Shard(k, n);
            }
        }
        throw new ConfigurationException("[" + KEY + "] must be K/N with 1 <= K <= N, e.g. 2/4, but was '" + text
                + "'. Give the shard's number and the number of shards.");
    }

    /** Whether this is a part of the evaluations rather than all of them. */
    public boolean isPartial() {
        return count > 1;
    }

    /** {@code K/N}. */
    public String label() {
        return index + "/" + count;
    }

    /** Whether the example identified by {@code ids} (id column to value, in the evaluation's order) is in this shard. */
    public boolean contains(Map<String, ?> ids) {
        return count == 1 || Long.remainderUnsigned(hash(ids), count) == index - 1;
    }

    /** FNV-1a 64 of the ids' canonical text. */
    static long hash(Map<String, ?> ids) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, ?> id : ids.entrySet()) {
            if (!text.isEmpty()) {
                text.append('\u001f');
            }
            text.append(id.getKey()).append('=').append(id.getValue());
        }
        long hash = FNV_OFFSET;
        for (byte b : text.toString().getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }
}
