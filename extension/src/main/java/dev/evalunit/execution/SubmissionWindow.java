package dev.evalunit.execution;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * Hands a run's tasks (one per example, or per row of an experiment) to the workers a few per worker at a
 * time, not all at once: a task per example of a large dataset, queued from the start, held memory in the
 * size of the run. The window counts the tasks submitted and not yet finished, so a task that takes long
 * (retries, a stall) holds one place only, and the other workers go on. After a task fails, no other task
 * is submitted and those in flight are cancelled.
 */
@API(status = INTERNAL, since = "0.1")
public final class SubmissionWindow {

    /** Task {@code index} of the run. */
    @FunctionalInterface
    public interface Task {
        void run(int index) throws Exception;
    }

    /** Waits, before each task is submitted, for what else bounds the run (e.g. room for its result). */
    @FunctionalInterface
    public interface Gate {
        /** A gate that never waits. */
        Gate OPEN = () -> { };

        void await() throws InterruptedException;
    }

    /** The tasks in flight per place of work ({@code evalunit.concurrency}), at most: {@link #windowFor}. */
    private static final int WINDOW_PER_PLACE = 4;
    /** Assumed for an executor that does not say how many threads it has. */
    private static final int DEFAULT_PLACES = 64;

    private SubmissionWindow() {
    }

    /** Tasks submitted and not yet finished, at most: a few per place of work, so that none waits for work. */
    public static int windowFor(ExecutorService workers) {
        return WINDOW_PER_PLACE * Workers.places(workers, DEFAULT_PLACES);
    }

    /**
     * Runs {@code task} for every index from 0 to {@code count - 1}, in that order of submission, on
     * {@code workers}, and waits until every task submitted has finished.
     *
     * @param gate waited for before each task is submitted (after a failure the failing task must open it)
     * @return the first failure of a task, or {@code null} when every task ran
     * @throws InterruptedException when the calling thread is interrupted (the tasks in flight are cancelled)
     */
    public static Throwable run(ExecutorService workers, int count, Gate gate, Task task) throws InterruptedException {
        int window = windowFor(workers);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Semaphore places = new Semaphore(window);
        Deque<Future<?>> inFlight = new ArrayDeque<>(window + 1);
        try {
            for (int i = 0; i < count && failure.get() == null; i++) {
                gate.await();
                places.acquire();
                while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
                    inFlight.poll();
                }
                if (failure.get() != null) {
                    break;
                }
                int index = i;
                inFlight.add(workers.submit(() -> {
                    try {
                        task.run(index);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        places.release();
                    }
                }));
            }
            if (failure.get() == null) {
                places.acquire(window); // every task submitted has finished
            }
        } finally {
            // Only this run's tasks: after a failure, none of them keeps a worker busy.
            inFlight.forEach(future -> future.cancel(true));
        }
        return failure.get();
    }
}
