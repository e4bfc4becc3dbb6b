package dev.evalunit.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The run's places for work in progress ({@code evalunit.concurrency} of them), taken by a worker thread
 * for each task it runs and given back while the task only waits: a retry's backoff, a 429's
 * {@code Retry-After}, a paused endpoint or a rate cap ({@link Backoff#sleep}). The workers' pool has more
 * threads than places, so a call that backs off leaves its place to another call instead of idling it.
 *
 * <p>A task back from its wait goes on at once, without waiting for a place: it may have to, for the
 * places may be held by tasks that wait for it (the calls behind a model's first call, which go once it
 * has answered), and a task that could never come back would hang the run. So the tasks at work may pass
 * the number of places for a moment, by the tasks just back from a wait; no new task starts until they
 * are fewer than the places again. Tasks start in the order they were submitted.
 */
@API(status = INTERNAL, since = "0.1")
public final class CallSlots {

    private static final ThreadLocal<CallSlots> HELD = new ThreadLocal<>();

    private final int places;
    private int working;

    /** @param places how many tasks start work at once */
    public CallSlots(int places) {
        this.places = places;
    }

    /**
     * Takes a place for the calling thread's next task, waiting for one; an interrupt while waiting is kept
     * for the task to see.
     */
    public void enter() {
        boolean interrupted = false;
        synchronized (this) {
            while (working >= places) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            working++;
        }
        HELD.set(this);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Gives the calling thread's place back when its task ends. */
    public void leave() {
        HELD.remove();
        release();
    }

    /** Waits as {@code waiting} does, without holding the calling thread's place (if it holds one) meanwhile. */
    static void whileWaiting(Backoff.Sleeper waiting, Duration delay) throws InterruptedException {
        CallSlots slots = HELD.get();
        if (slots == null) {
            waiting.sleep(delay);
            return;
        }
        slots.release();
        try {
            waiting.sleep(delay);
        } finally {
            slots.back();
        }
    }

    private synchronized void release() {
        working--;
        notify();
    }

    private synchronized void back() {
        working++;
    }
}
