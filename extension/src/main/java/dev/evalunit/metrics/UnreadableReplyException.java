package dev.evalunit.metrics;

/**
 * A judge's reply that holds no readable score. Checked because it is an expected outcome that
 * becomes a failed observation, not a crash. The message is a short reason.
 */
final class UnreadableReplyException extends Exception {
    UnreadableReplyException(String reason) {
        super(reason);
    }
}
