package dev.evalunit.batch;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * How batch execution runs, as configured: {@value ConfigKeys#EXECUTION}, {@value ConfigKeys#BATCH_POLL_INTERVAL},
 * {@value ConfigKeys#BATCH_MAX_WAIT} and {@value ConfigKeys#BATCH_RETRY_LIVE}.
 *
 * @param pollInterval the wait between two polls of a batch
 * @param maxWait the longest one batch is waited for; its requests then become errors, and a rerun resumes polling
 * @param retryLive whether a request whose line failed, expired or was cancelled is sent again live
 */
@API(status = INTERNAL, since = "0.1")
public record BatchSettings(Duration pollInterval, Duration maxWait, boolean retryLive) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    /**
     * The settings of a run that sets {@value ConfigKeys#EXECUTION} to {@code batch}; empty for {@code live}.
     *
     * @throws ConfigurationException when a value is malformed
     */
    public static Optional<BatchSettings> from(EvalConfig config) {
        String execution = config.get(ConfigKeys.EXECUTION).orElse(ConfigKeys.DEFAULT_EXECUTION).trim().toLowerCase(Locale.ROOT);
        Duration poll = duration(config, ConfigKeys.BATCH_POLL_INTERVAL, ConfigKeys.DEFAULT_BATCH_POLL_INTERVAL);
        Duration maxWait = duration(config, ConfigKeys.BATCH_MAX_WAIT, ConfigKeys.DEFAULT_BATCH_MAX_WAIT);
        boolean retryLive = config.get(ConfigKeys.BATCH_RETRY_LIVE).map(BatchSettings::bool).orElse(false);
        return switch (execution) {
            case "live" -> Optional.empty();
            case "batch" -> Optional.of(new BatchSettings(poll, maxWait, retryLive));
            default -> throw new ConfigurationException("[" + ConfigKeys.EXECUTION + "] must be live or batch, but was '"
                    + execution + "'. Set live to call the models as the evaluation runs, or batch to use the providers'"
                    + " batch APIs.");
        };
    }

    /** {@code 30s}, {@code 10m}, {@code 24h}, {@code 500ms}, or ISO-8601 ({@code PT30S}); more than zero. */
    static Duration duration(EvalConfig config, String key, String defaultValue) {
        String value = config.get(key).orElse(defaultValue).trim();
        Duration duration = null;
        Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } else {
            try {
                duration = Duration.parse(value);
            } catch (DateTimeParseException e) {
                // worded below
            }
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new ConfigurationException("[" + key + "] must be a duration such as 30s, 10m, 24h or 500ms, but was '"
                    + value + "'. Correct it, or remove it for the default of " + defaultValue + ".");
        }
        return duration;
    }

    private static boolean bool(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException("[" + ConfigKeys.BATCH_RETRY_LIVE + "] must be true or false,"
                    + " but was '" + value + "'. Set true to send the requests a batch could not answer again live.");
        };
    }
}
