package dev.evalunit.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SubmissionWindow")
class SubmissionWindowTest {

    private final ThreadPoolExecutor oneWorker = (ThreadPoolExecutor) Workers.pool(1, "window-");

    @AfterEach
    void close() {
        oneWorker.shutdownNow();
    }

    @Test
    @DisplayName("runs every task once, with at most a window of them queued: four per place of work")
    void window() throws InterruptedException {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        AtomicInteger longestQueue = new AtomicInteger();

        Throwable failure = SubmissionWindow.run(oneWorker, 50, SubmissionWindow.Gate.OPEN, index -> {
            longestQueue.accumulateAndGet(oneWorker.getQueue().size(), Math::max);
            Thread.sleep(1);
            ran.add(index);
        });

        assertThat(failure).isNull();
        assertThat(SubmissionWindow.windowFor(oneWorker)).isEqualTo(4);
        assertThat(ran).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).boxed().toList());
        assertThat(longestQueue.get()).isBetween(1, 3);
    }

    @Test
    @DisplayName("after a task fails, submits no other and returns the failure")
    void stopsAfterAFailure() throws InterruptedException {
        List<Integer> ran = new CopyOnWriteArrayList<>();
        // One thread, so tasks run in the order submitted. (The run's pool has more threads than places, and its
        // tasks take their place in no set order: tasks after the failing one may finish before it, and the
        // window then lets more in before the failure is known, so no bound holds there.)
        ExecutorService inOrder = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        Throwable failure;
        try {
            failure = SubmissionWindow.run(inOrder, 1000, SubmissionWindow.Gate.OPEN, index -> {
                ran.add(index);
                if (index == 5) {
                    throw new IllegalStateException("task 5 broke");
                }
            });
        } finally {
            inOrder.shutdownNow();
        }

        assertThat(failure).hasMessage("task 5 broke");
        assertThat(SubmissionWindow.windowFor(inOrder)).isEqualTo(4);
        assertThat(ran).contains(5).hasSizeLessThan(5 + 1 + SubmissionWindow.windowFor(inOrder));
    }

    @Test
    @DisplayName("waits at the gate before each task")
    void gate() throws InterruptedException {
        AtomicInteger opened = new AtomicInteger();

        SubmissionWindow.run(oneWorker, 7, opened::incrementAndGet, index -> { });

        assertThat(opened).hasValue(7);
    }
}
