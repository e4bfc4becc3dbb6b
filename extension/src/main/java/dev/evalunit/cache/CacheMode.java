package dev.evalunit.cache;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import java.util.Locale;
import org.apiguardian.api.API;

/** How model calls use the cache ({@value ConfigKeys#CACHE_MODE}). */
@API(status = INTERNAL, since = "0.1")
public enum CacheMode {
    /** Answers from the cache when it can, else calls and stores the reply. */
    LIVE,
    /** Never calls: a request missing from the cache fails. For offline CI on a committed cache. */
    REPLAY,
    /** Always calls, and overwrites what the cache held. */
    RECORD,
    /** Calls as if there were no cache, and stores nothing. */
    OFF;

    /**
     * @param value as configured, case ignored
     * @throws ConfigurationException when {@code value} is none of the four
     */
    public static CacheMode parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "live" -> LIVE;
            case "replay" -> REPLAY;
            case "record" -> RECORD;
            case "off" -> OFF;
            default -> throw new ConfigurationException("[" + ConfigKeys.CACHE_MODE
                    + "] must be live, replay, record or off, but was '" + value + "'.");
        };
    }

    /** The configuration value, e.g. {@code live}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
