package dev.evalunit.execution;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.cache.CacheCounts;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * Counters of one running evaluation, bumped once per example (never per call, never printed here):
 * {@link ConsoleProgress} reads them every few seconds and prints {@link #line(long)}. Thread safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class Progress {

    /** Counts nothing, for runs nobody watches. */
    public static final Progress NONE = new Progress("", 0, null);

    private final String name;
    private final long total;
    private final CacheCounts counts;
    private final LongAdder started = new LongAdder();
    private final LongAdder done = new LongAdder();
    private final LongAdder errors = new LongAdder();

    /**
     * @param total the examples (pairwise) or rows over all experiments (sets) to run
     * @param counts the evaluation's cache counts, for the replies from the cache, or {@code null}
     */
    public Progress(String name, long total, CacheCounts counts) {
        this.name = name;
        this.total = total;
        this.counts = counts;
    }

    public void started() {
        started.increment();
    }

    public void finished(boolean error) {
        done.increment();
        if (error) {
            errors.increment();
        }
    }

    /**
     * E.g. {@code [evalunit] QaEval.candidate: 12/40 done, 1 error, 4 in flight, 8 replies from cache, about 9 s left}.
     */
    public String line(long elapsedMillis) {
        long d = done.sum();
        long e = errors.sum();
        StringBuilder line = new StringBuilder("[evalunit] ").append(name).append(": ").append(d).append('/')
                .append(total).append(" done, ").append(e).append(e == 1 ? " error, " : " errors, ")
                .append(Math.max(0, started.sum() - d)).append(" in flight");
        if (counts != null) {
            line.append(", ").append(counts.repliesFromCache()).append(" replies from cache");
        }
        if (d > 0 && d < total) {
            long left = elapsedMillis * (total - d) / d / 1000;
            line.append(", about ").append(Math.max(1, left)).append(" s left");
        }
        return line.toString();
    }
}
