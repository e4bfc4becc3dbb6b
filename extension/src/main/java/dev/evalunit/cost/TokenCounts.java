package dev.evalunit.cost;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelReply;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * The tokens of one evaluation, per declared model name: running sums, so that nothing grows with the
 * number of replies. A client takes its model's {@link Tally} once ({@link #of}); each reply then costs
 * a few additions. Thread safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class TokenCounts {

    private final ConcurrentMap<String, Tally> byModel = new ConcurrentHashMap<>();

    /** The running sums of {@code model}, created at zero on first use. */
    public Tally of(String model) {
        return byModel.computeIfAbsent(model, name -> new Tally());
    }

    /** Every model that had a reply, by name (sorted, so that files list them in a stable order). */
    public SortedMap<String, TokenUsage> snapshot() {
        SortedMap<String, TokenUsage> usage = new TreeMap<>();
        for (Map.Entry<String, Tally> entry : byModel.entrySet()) {
            if (entry.getValue().replies.sum() > 0) {
                usage.put(entry.getKey(), entry.getValue().usage());
            }
        }
        return usage;
    }

    /**
     * What was counted since {@code before} (an earlier {@link #snapshot}), per model that had a reply since:
     * the tokens of the calls made in between, e.g. by one pairing of a tournament whose pairings share clients
     * and run one at a time.
     */
    public SortedMap<String, TokenUsage> since(SortedMap<String, TokenUsage> before) {
        SortedMap<String, TokenUsage> usage = new TreeMap<>();
        snapshot().forEach((model, now) -> {
            TokenUsage made = before.containsKey(model) ? now.minus(before.get(model)) : now;
            if (made.replies() > 0) {
                usage.put(model, made);
            }
        });
        return usage;
    }

    /** One model's running sums. */
    @API(status = INTERNAL, since = "0.1")
    public static final class Tally {
        private final LongAdder input = new LongAdder();
        private final LongAdder output = new LongAdder();
        private final LongAdder inputFromCache = new LongAdder();
        private final LongAdder outputFromCache = new LongAdder();
        private final LongAdder replies = new LongAdder();
        private final LongAdder repliesFromCache = new LongAdder();

        private Tally() {
        }

        /** Counts {@code reply}'s usage; tokens the provider did not report count 0. */
        public void add(ModelReply reply, boolean fromCache) {
            long in = reply.promptTokens() == null ? 0 : reply.promptTokens();
            long out = reply.completionTokens() == null ? 0 : reply.completionTokens();
            input.add(in);
            output.add(out);
            replies.increment();
            if (fromCache) {
                inputFromCache.add(in);
                outputFromCache.add(out);
                repliesFromCache.increment();
            }
        }

        TokenUsage usage() {
            return new TokenUsage(input.sum(), output.sum(), inputFromCache.sum(), outputFromCache.sum(),
                    replies.sum(), repliesFromCache.sum());
        }
    }
}
