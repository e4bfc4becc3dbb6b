package dev.evalunit.autorater;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * A judge's reply that holds no recognisable verdict. Checked because an unreadable reply is an
 * expected outcome that becomes a failed sample, not a crash. The message is a short reason that
 * ends up in the judgments file.
 */
@API(status = INTERNAL, since = "0.1")
public class UnreadableVerdictException extends Exception {
    public UnreadableVerdictException(String reason) {
        super(reason);
    }
}
