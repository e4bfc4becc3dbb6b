package dev.evalunit.http;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Request;

/**
 * Travels with one request as an OkHttp tag so that the interceptors can tell the client how many
 * attempts a call took, how long the last exchange with the server lasted (waits for permits, rate
 * caps and holds left out), how long the call queued for permits and pauses (which the retry clock does not
 * count) and whether retrying stopped at the retry time limit; it passes each attempt on to the evaluation's
 * {@link CallTally}, taken when the call began. One per call; written by the thread executing the call, read
 * by the same thread afterwards.
 */
final class AttemptRecord {

    /** Which limit cut the last attempt that timed out. */
    enum Timeout { NONE, CONNECT, FIRST_BYTE, ATTEMPT }

    private int attempts;
    private long lastExchangeNanos;
    private Duration queued = Duration.ZERO;
    private boolean retryTimeLimitReached;
    private Timeout lastTimeout = Timeout.NONE;
    private Instant waitedUntil = Instant.MIN;
    /** The evaluation's tally this call counts on, {@code null} for none (a hedge's own record has none). */
    private final CallTally tally;

    AttemptRecord() {
        this(null);
    }

    AttemptRecord(CallTally tally) {
        this.tally = tally;
    }

    /** The evaluation's tally this call counts on, {@code null} for none. */
    CallTally tally() {
        return tally;
    }

    /** Adds {@code wait} to the queueing of {@code request}'s call, when it carries a record. */
    static void queued(Request request, Duration wait) {
        AttemptRecord record = request.tag(AttemptRecord.class);
        if (record != null && !wait.isZero() && !wait.isNegative()) {
            record.queued = record.queued.plus(wait);
        }
    }

    /**
     * The end of the wait {@code request}'s call made before its current attempt, {@link Instant#MIN} for
     * none: an endpoint paused by this call's own 429 does not make it wait twice.
     */
    static Instant waitedUntil(Request request) {
        AttemptRecord record = request.tag(AttemptRecord.class);
        return record == null ? Instant.MIN : record.waitedUntil;
    }

    /** Set by {@link RetryInterceptor} before it waits to retry. */
    void waitingUntil(Instant until) {
        waitedUntil = until;
    }

    /** Counted by {@link RetryInterceptor} as each attempt begins (and on the evaluation's tally). */
    void attemptStarted() {
        attempts++;
        if (tally != null) {
            tally.attempt(attempts > 1);
        }
    }

    /** Counted by {@link RetryInterceptor}: an attempt answered {@code code}, not a success. */
    void attemptAnswered(int code) {
        if (tally != null) {
            tally.failed(code);
        }
    }

    /** Counted by {@link RetryInterceptor}: an attempt failed with {@code e}. */
    void attemptFailed(IOException e, boolean interrupted) {
        if (tally != null) {
            tally.failed(e, interrupted);
        }
    }

    /** Recorded by {@link AttemptTimer} once the server's whole answer is read, or the exchange failed. */
    void exchangeFinished(long nanos) {
        lastExchangeNanos = nanos;
    }

    /** Recorded by {@link AttemptTimer} when an attempt timed out: before the reply's headers, or after. */
    void timedOut(Timeout which) {
        lastTimeout = which;
    }

    Timeout lastTimeout() {
        return lastTimeout;
    }

    void retryTimeLimitReached() {
        retryTimeLimitReached = true;
    }

    int attempts() {
        return attempts;
    }

    long lastExchangeNanos() {
        return lastExchangeNanos;
    }

    /** The time the call's attempts waited for a concurrency permit or a paused endpoint. */
    Duration queued() {
        return queued;
    }

    boolean stoppedByRetryTimeLimit() {
        return retryTimeLimitReached;
    }
}
