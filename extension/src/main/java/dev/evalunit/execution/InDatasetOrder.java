package dev.evalunit.execution;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.apiguardian.api.API;

/**
 * Hands the results of a run's tasks, which finish in any order, to their file and statistics in task order
 * (dataset order). A result that finishes before one above it waits here; {@link #reserve} bounds how many may
 * wait (tasks reserved and not yet handed on, at most the capacity), so memory stays in the size of the capacity,
 * not of the run. Thread-safe; the sink is called by one thread at a time, in order.
 *
 * @param <T> a task's result: a judgment, an experiment's row
 */
@API(status = INTERNAL, since = "0.1")
public final class InDatasetOrder<T> {

    /** One task of the run: its result. */
    @FunctionalInterface
    public interface Work<T> {
        T run(int index) throws Exception;
    }

    /** Where the results go, in task order. */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(int index, T result) throws IOException;
    }

    private final Sink<T> sink;
    private final Object[] waiting;
    private final Semaphore places;
    private final String what;
    private int next;

    /**
     * @param capacity tasks reserved and not yet handed on, at most
     * @param what what the sink writes, for the message of a failure to write, e.g. {@code the judgments file}
     */
    public InDatasetOrder(int capacity, String what, Sink<T> sink) {
        this.sink = sink;
        this.waiting = new Object[capacity];
        this.places = new Semaphore(capacity);
        this.what = what;
    }

    /**
     * Runs {@code work} for every index from 0 to {@code count - 1} on {@code workers}, submitted in a window
     * ({@link SubmissionWindow}) and each reserved here first, and hands each result on in task order.
     *
     * @return the first failure of a task (e.g. an {@link UncheckedIOException} of the sink), or {@code null}
     * @throws InterruptedException when the calling thread is interrupted (the tasks in flight are cancelled)
     */
    public Throwable run(ExecutorService workers, int count, Work<T> work) throws InterruptedException {
        return SubmissionWindow.run(workers, count, this::reserve, index -> {
            try {
                put(index, work.run(index));
            } catch (Throwable e) {
                release();
                throw e;
            }
        });
    }

    /** Waits until fewer than the capacity of tasks are reserved and not handed on, then reserves one. */
    public void reserve() throws InterruptedException {
        places.acquire();
    }

    /**
     * Task {@code index}'s result (reserved before): handed on, with every result after it that was waiting for
     * it, once every result before it is.
     *
     * @throws UncheckedIOException when the sink cannot write
     */
    @SuppressWarnings("unchecked")
    public synchronized void put(int index, T result) {
        waiting[index % waiting.length] = result;
        try {
            for (Object ready = waiting[next % waiting.length]; ready != null; ready = waiting[next % waiting.length]) {
                sink.accept(next, (T) ready);
                waiting[next % waiting.length] = null;
                next++;
                places.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("evalunit could not write " + what, e);
        }
    }

    /** After a failure: no one waits for a place any more. */
    public void release() {
        places.release(waiting.length);
    }
}
