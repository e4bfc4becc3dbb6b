package dev.evalunit.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which requests the {@link LatencyServer} answers with a fault (issue 16), drawn from a seeded random
 * sequence: the n-th request gets the same fault in every run with the same seed.
 * <ul>
 *   <li>{@value #NONE}: no faults.</li>
 *   <li>{@value #MIX30}: 30% of requests fail, in equal shares of a 429 with {@code Retry-After: 1}, a 500,
 *       a 503, a stall of {@link #STALL} before the reply, a connection closed before the status line, a
 *       200 whose JSON is cut in half, and (for a judge call) a verdict in prose instead of JSON.</li>
 *   <li>{@value #STORM80}: 80% of requests get a 429 with {@code Retry-After: 2}.</li>
 * </ul>
 */
final class FaultMix {

    static final String NONE = "none";
    static final String MIX30 = "mix30";
    static final String STORM80 = "storm80";
    static final Duration STALL = Duration.ofSeconds(30);

    /** What one request gets. */
    enum Fault { NONE, RATE_LIMITED, SERVER_ERROR, UNAVAILABLE, STALL, RESET, TRUNCATED, PROSE }

    private static final Fault[] MIX30_KINDS = {Fault.RATE_LIMITED, Fault.SERVER_ERROR, Fault.UNAVAILABLE, Fault.STALL,
            Fault.RESET, Fault.TRUNCATED, Fault.PROSE};

    private final double share;
    private final Fault[] kinds;
    private final int retryAfterSeconds;
    private final Random random;
    private final AtomicLongArray counts = new AtomicLongArray(Fault.values().length);

    private FaultMix(double share, Fault[] kinds, int retryAfterSeconds, long seed) {
        this.share = share;
        this.kinds = kinds;
        this.retryAfterSeconds = retryAfterSeconds;
        this.random = new Random(seed);
    }

    static FaultMix of(String name, long seed) {
        return switch (name) {
            case NONE -> new FaultMix(0, new Fault[0], 0, seed);
            case MIX30 -> new FaultMix(0.30, MIX30_KINDS, 1, seed);
            case STORM80 -> new FaultMix(0.80, new Fault[] {Fault.RATE_LIMITED}, 2, seed);
            default -> throw new IllegalArgumentException("unknown fault mix " + name + "; known: "
                    + String.join(", ", NONE, MIX30, STORM80));
        };
    }

    /** The fault of the next request, in arrival order. */
    synchronized Fault next() {
        Fault fault = Fault.NONE;
        double draw = random.nextDouble();
        if (draw < share) {
            fault = kinds[(int) (draw / share * kinds.length)];
        }
        counts.incrementAndGet(fault.ordinal());
        return fault;
    }

    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The faults served so far, as a JSON object by kind ({@code {"none":1200,"stall":40,...}}). */
    String counts() {
        StringBuilder json = new StringBuilder("{");
        Arrays.stream(Fault.values()).forEach(kind -> json.append(json.length() == 1 ? "" : ",")
                .append('"').append(kind.name().toLowerCase(Locale.ROOT)).append("\":").append(counts.get(kind.ordinal())));
        return json.append('}').toString();
    }
}
