package dev.evalunit.http;

import dev.evalunit.api.spi.ModelUnusableException;

/**
 * Whether calls to one model may be sent. Until the model has answered once, one call goes alone and
 * the others wait for its outcome: a refused key, an unknown model or a wrong base URL then costs one
 * request, not one per worker. After a reply that proves the model works (or a transient failure,
 * which the next calls retry), every call passes with one volatile read. After a reply that proves it
 * cannot work ({@link UnusableReplies}), no call is sent again: each fails at once with the same message.
 * Shared by every pipeline of the model (same name, base URL, model id and key).
 */
final class ModelGate {

    private enum State { UNPROVEN, PROBING, OPEN, CLOSED }

    private volatile State state = State.UNPROVEN;
    private String closedBecause;

    /**
     * Waits while the first call is out, then lets this one through.
     *
     * @throws ModelUnusableException when the model was found unusable; nothing is sent
     * @throws InterruptedException when interrupted while waiting
     */
    void enter() throws ModelUnusableException, InterruptedException {
        if (state == State.OPEN) {
            return;
        }
        synchronized (this) {
            while (state == State.PROBING) {
                wait();
            }
            if (state == State.CLOSED) {
                throw new ModelUnusableException(closedBecause);
            }
            if (state == State.UNPROVEN) {
                state = State.PROBING;
            }
        }
    }

    /** The call that entered ended without proving the model unusable: every call may go now. */
    void passed() {
        if (state != State.OPEN) {
            settle(State.OPEN, null);
        }
    }

    /** The call that entered ended without an outcome (interrupted): the next call tries alone again. */
    void abandoned() {
        if (state == State.PROBING) {
            settle(State.UNPROVEN, null);
        }
    }

    /** Closes the gate for good; returns the exception the calling call throws. */
    ModelUnusableException close(String message) {
        settle(State.CLOSED, message);
        return new ModelUnusableException(message);
    }

    private synchronized void settle(State next, String message) {
        if (state == State.CLOSED) {
            return;
        }
        if (next != State.UNPROVEN || state == State.PROBING) {
            state = next;
            closedBecause = message;
        }
        notifyAll();
    }
}
