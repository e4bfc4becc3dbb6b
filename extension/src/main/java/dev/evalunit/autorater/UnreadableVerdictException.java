package dev.evalunit.autorater;

/**
 * A judge's reply that holds no recognisable verdict. Checked because an unreadable reply is an
 * expected outcome that becomes a failed sample, not a crash. The message is a short reason that
 * ends up in the judgments file.
 */
public class UnreadableVerdictException extends Exception {
    public UnreadableVerdictException(String reason) {
        super(reason);
    }
}
