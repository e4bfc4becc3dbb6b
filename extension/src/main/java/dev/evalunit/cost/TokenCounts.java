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
 *
 * <p>A part of the evaluation can count its own replies too: the code that runs it on a thread sets its counts for
 * that thread ({@link #enter}, {@link #leave}), and every reply a {@link Tally} counts on the thread goes to both,
 * e.g. an experiment set's counts and those of the experiment whose row the worker runs.
 */
@API(status = INTERNAL, since = "0.1")
public final class TokenCounts {

    private static final ThreadLocal<TokenCounts> SCOPE = new ThreadLocal<>();

    private final ConcurrentMap<String, Tally> byModel = new ConcurrentHashMap<>();

    /** The running sums of {@code model}, created at zero on first use. */
    public Tally of(String model) {
        return byModel.computeIfAbsent(model, name -> new Tally(this, name));
    }

    /**
     * Makes these the counts that the replies counted on the current thread also go to, until {@link #leave}; returns
     * the ones it replaces ({@code null} for none), to hand back to {@link #leave}.
     */
    public TokenCounts enter() {
        TokenCounts previous = SCOPE.get();
        SCOPE.set(this);
        return previous;
    }

    /** Ends {@link #enter()}: {@code previous} is what it returned. */
    public static void leave(TokenCounts previous) {
        if (previous == null) {
            SCOPE.remove();
        } else {
            SCOPE.set(previous);
        }
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
        private final TokenCounts owner;
        private final String model;
        private final LongAdder input = new LongAdder();
        private final LongAdder output = new LongAdder();
        private final LongAdder inputFromCache = new LongAdder();
        private final LongAdder outputFromCache = new LongAdder();
        private final LongAdder replies = new LongAdder();
        private final LongAdder repliesFromCache = new LongAdder();

        private Tally(TokenCounts owner, String model) {
            this.owner = owner;
            this.model = model;
        }

        /**
         * Counts {@code reply}'s usage, here and in the counts {@linkplain #enter() set for this thread}; tokens the
         * provider did not report count 0.
         */
        public void add(ModelReply reply, boolean fromCache) {
            long in = reply.promptTokens() == null ? 0 : reply.promptTokens();
            long out = reply.completionTokens() == null ? 0 : reply.completionTokens();
            add(in, out, fromCache);
            TokenCounts scope = SCOPE.get();
            if (scope != null && scope != owner) {
                scope.of(model).add(in, out, fromCache);
            }
        }

        private void add(long in, long out, boolean fromCache) {
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
