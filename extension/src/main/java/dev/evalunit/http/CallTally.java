package dev.evalunit.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * The HTTP attempts of one evaluation's calls: how many attempts were sent, how many of them were retries,
 * each failed attempt by kind of fault, and the hedges sent and won. Running sums: a call adds a few
 * increments, nothing grows with the number of calls. Thread safe.
 *
 * <p>How a call finds its evaluation's tally: the caller (the cache decorator, which sees every call of its
 * evaluation on the calling thread) sets it for the thread around the call ({@link #enter()}, {@link #leave});
 * {@link RetryInterceptor}, which runs on that same thread, takes it once per call into the call's
 * {@link AttemptRecord}, so that the hedge's attempt, sent from another thread, counts on it too. A call made
 * with no tally set (a client used outside an evaluation) is counted nowhere.
 *
 * <p>The kinds of fault are those of {@code budget.ErrorKinds}: {@code HTTP 503} (any status that is not a
 * success, 429 included), {@value #TIMEOUT}, {@value #CONNECTION_FAILURE},
 * {@value #UNREADABLE_REPLY} (a 2xx whose body is not a complete reply) and {@value #INTERRUPTED}.
 */
@API(status = INTERNAL, since = "0.1")
public final class CallTally {

    /** The field of the files ({@code metrics.json}, {@code set-summary.json}) that holds {@link #asMap}. */
    public static final String FIELD = "calls";
    /** Calls made, replies from the cache included (a reply from the cache is a call of 0 attempts). */
    public static final String CALLS = "calls";
    /** HTTP requests sent by the retry loop: first attempts and retries (hedges apart). */
    public static final String ATTEMPTS = "attempts";
    /** Attempts after a call's first. */
    public static final String RETRIES = "retries";
    /** Failed attempts by kind, sorted by kind. */
    public static final String FAULTS = "faults";
    /** Second attempts sent beside a slow one ({@code hedge-after-percentile}). */
    public static final String HEDGES_SENT = "hedges_sent";
    /** Hedges whose reply came first. */
    public static final String HEDGES_WON = "hedges_won";

    static final String TIMEOUT = "timeout";
    static final String CONNECTION_FAILURE = "connection failure";
    static final String UNREADABLE_REPLY = "unreadable reply";
    static final String INTERRUPTED = "interrupted";

    private static final ThreadLocal<CallTally> CURRENT = new ThreadLocal<>();

    private final LongAdder attempts = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder hedgesSent = new LongAdder();
    private final LongAdder hedgesWon = new LongAdder();
    private final ConcurrentMap<String, LongAdder> faults = new ConcurrentHashMap<>();

    /**
     * Makes this the tally of the calls the current thread makes until {@link #leave}; returns the one it
     * replaces ({@code null} for none), to hand back to {@link #leave}.
     */
    public CallTally enter() {
        CallTally previous = CURRENT.get();
        CURRENT.set(this);
        return previous;
    }

    /** Ends {@link #enter()}: {@code previous} is what it returned. */
    public static void leave(CallTally previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** The tally of the current thread's call, {@code null} outside an evaluation. */
    static CallTally current() {
        return CURRENT.get();
    }

    void attempt(boolean retry) {
        attempts.increment();
        if (retry) {
            retries.increment();
        }
    }

    /** An attempt answered {@code code}, which is not a success. */
    void failed(int code) {
        fault("HTTP " + code);
    }

    /** An attempt that failed with {@code e}; {@code interrupted} when the thread was, not the socket. */
    void failed(IOException e, boolean interrupted) {
        if (e instanceof UnreadableAttempt) {
            fault(UNREADABLE_REPLY);
        } else if (interrupted) {
            fault(INTERRUPTED);
        } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            fault(TIMEOUT);
        } else {
            fault(CONNECTION_FAILURE);
        }
    }

    void hedgeSent() {
        hedgesSent.increment();
    }

    void hedgeWon() {
        hedgesWon.increment();
    }

    private void fault(String kind) {
        faults.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public long attempts() {
        return attempts.sum();
    }

    public long retries() {
        return retries.sum();
    }

    /** Failed attempts by kind, sorted by kind (so that files list them in a stable order). */
    public SortedMap<String, Long> faults() {
        SortedMap<String, Long> byKind = new TreeMap<>();
        faults.forEach((kind, count) -> byKind.put(kind, count.sum()));
        return byKind;
    }

    /**
     * The {@value #FIELD} field's object: {@value #CALLS}, {@value #ATTEMPTS}, {@value #RETRIES}, {@value #FAULTS},
     * {@value #HEDGES_SENT}, {@value #HEDGES_WON}.
     *
     * @param calls the calls the evaluation made, replies from the cache included
     */
    public Map<String, Object> asMap(long calls) {
        return fields(calls, attempts(), retries(), faults(), hedgesSent.sum(), hedgesWon.sum());
    }

    /** The {@value #FIELD} field's object from its figures: how {@link #asMap} writes them and merges sum them. */
    public static Map<String, Object> fields(long calls, long attempts, long retries, SortedMap<String, Long> faults,
                                             long hedgesSent, long hedgesWon) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(CALLS, calls);
        fields.put(ATTEMPTS, attempts);
        fields.put(RETRIES, retries);
        fields.put(FAULTS, faults);
        fields.put(HEDGES_SENT, hedgesSent);
        fields.put(HEDGES_WON, hedgesWon);
        return fields;
    }
}
