package dev.evalunit.model;

/**
 * Travels with one request as an OkHttp tag so that {@link RetryInterceptor} can tell the client
 * how many attempts a call took and how long the last one lasted. One per call; written by the
 * thread executing the call, read by the same thread afterwards.
 */
final class AttemptRecord {

    private int attempts;
    private long lastAttemptNanos;

    void attemptFinished(long nanos) {
        attempts++;
        lastAttemptNanos = nanos;
    }

    int attempts() {
        return attempts;
    }

    long lastAttemptNanos() {
        return lastAttemptNanos;
    }
}
