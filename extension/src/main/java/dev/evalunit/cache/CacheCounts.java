package dev.evalunit.cache;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.cost.Spending;
import dev.evalunit.cost.TokenCounts;
import dev.evalunit.http.CallTally;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * Where the replies of one evaluation came from: how many the cache gave, how many calls were made
 * (each may be several HTTP requests when retried), and, in {@code replay}, how many requests the
 * cache lacked. Counted by the cache decorator, one increment per request; the JUnit layer prints
 * {@link #summary()} once the evaluation has run. Thread safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class CacheCounts {

    private final LongAdder fromCache = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final LongAdder missing = new LongAdder();
    private final TokenCounts tokens = new TokenCounts();
    private final CallTally attempts = new CallTally();
    private final Spending spending;
    private final String cache;

    /**
     * @param cache how the cache is set up, as the summary ends, e.g. {@code cache: replay, .evalunit/cache}
     * @param spending the evaluation's spending against its cost budget: calls the cache does not answer go through it
     */
    CacheCounts(String cache, Spending spending) {
        this.cache = cache;
        this.spending = spending;
    }

    void addFromCache() {
        fromCache.increment();
    }

    void addCall() {
        calls.increment();
    }

    void addMissing() {
        missing.increment();
    }

    /** The tokens of every reply, per model, those from the cache among them. */
    public TokenCounts tokens() {
        return tokens;
    }

    /** The HTTP attempts of the calls made, retries and faults by kind ({@link CachingModelClient} sets it around each call). */
    public CallTally attempts() {
        return attempts;
    }

    /**
     * The {@value CallTally#FIELD} field of the evaluation's files: {@code {"calls": {"calls": n, "attempts": n, ...}}},
     * a reply from the cache counted as a call of 0 attempts.
     */
    public Map<String, Object> callFields() {
        return Map.of(CallTally.FIELD, attempts.asMap(calls() + repliesFromCache()));
    }

    /** The evaluation's spending against its cost budget ({@code evalunit.budget.max-cost-usd}). */
    public Spending spending() {
        return spending;
    }

    /** Replies the cache gave, without a call. */
    public long repliesFromCache() {
        return fromCache.sum();
    }

    /** Calls made to the model (counted once however many times they were retried). */
    public long calls() {
        return calls.sum();
    }

    /** Requests that {@code replay} could not answer: neither a reply nor a call. */
    public long missing() {
        return missing.sum();
    }

    /**
     * E.g. {@code 120 replies from the cache, 0 calls (cache: replay, .evalunit/cache)}; with
     * {@code , 3 not in the cache} before the parenthesis when some requests were missing.
     */
    public String summary() {
        long missed = missing();
        return count(repliesFromCache(), "reply", "replies") + " from the cache, " + count(calls(), "call", "calls")
                + (missed == 0 ? "" : ", " + missed + " not in the cache") + " (" + cache + ")";
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    @Override
    public String toString() {
        return summary();
    }
}
