package dev.evalunit.pairwise;

import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.files.JudgmentsWriter;
import dev.evalunit.stats.pairwise.PairwiseStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Semaphore;

/**
 * Hands the judgments of a run, which finish in any order, to the judgments file and the statistics in
 * dataset order. A judgment that finishes before one above it waits here; {@link #reserve} bounds how many
 * may wait (examples reserved and not yet written, at most the capacity), so memory stays in the size of the
 * capacity, not of the run. Thread-safe.
 */
final class InDatasetOrder {

    private final JudgmentsWriter writer;
    private final PairwiseStatistics statistics;
    private final Judgment[] waiting;
    private final Semaphore places;
    private int next;

    /** @param capacity examples reserved and not yet written, at most */
    InDatasetOrder(JudgmentsWriter writer, PairwiseStatistics statistics, int capacity) {
        this.writer = writer;
        this.statistics = statistics;
        this.waiting = new Judgment[capacity];
        this.places = new Semaphore(capacity);
    }

    /** Waits until fewer than the capacity of examples are reserved and not written, then reserves one. */
    void reserve() throws InterruptedException {
        places.acquire();
    }

    /**
     * Example {@code index}'s judgment (reserved before): written, with every judgment after it that was
     * waiting for it, once every judgment before it is.
     */
    synchronized void put(int index, Judgment judgment) {
        waiting[index % waiting.length] = judgment;
        try {
            for (Judgment ready = waiting[next % waiting.length]; ready != null; ready = waiting[next % waiting.length]) {
                writer.write(ready);
                statistics.add(ready);
                waiting[next % waiting.length] = null;
                next++;
                places.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("evalunit could not write the judgments file", e);
        }
    }

    /** After a failure: no one waits for a place any more. */
    void release() {
        places.release(waiting.length);
    }
}
