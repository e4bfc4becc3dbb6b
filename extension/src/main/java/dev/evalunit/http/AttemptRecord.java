package dev.evalunit.http;

/**
 * Travels with one request as an OkHttp tag so that the interceptors can tell the client how many
 * attempts a call took, how long the last exchange with the server lasted (waits for permits, rate
 * caps and holds left out) and whether retrying stopped at the retry time limit. One per call;
 * written by the thread executing the call, read by the same thread afterwards.
 */
final class AttemptRecord {

    private int attempts;
    private long lastExchangeNanos;
    private boolean retryTimeLimitReached;

    /** Counted by {@link RetryInterceptor} as each attempt begins. */
    void attemptStarted() {
        attempts++;
    }

    /** Recorded by {@link AttemptTimer} once the server's whole answer is read, or the exchange failed. */
    void exchangeFinished(long nanos) {
        lastExchangeNanos = nanos;
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

    boolean stoppedByRetryTimeLimit() {
        return retryTimeLimitReached;
    }
}
