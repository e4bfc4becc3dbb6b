package dev.evalunit.experiment;

import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.execution.ReportDirectories;
import dev.evalunit.files.ObservationsFile;
import dev.evalunit.files.ObservationsOnDisk;
import dev.evalunit.files.ObservationsWriter;
import dev.evalunit.stats.experiment.ExperimentSummaries;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The rows of a set's experiments on their way to the observations files, in task order: every row of the first
 * experiment, then of the second, and so on ({@link ExperimentSetRunner}). One file is open at a time: an
 * experiment's file is opened at its first row and moved into place when the next experiment's first row comes,
 * so a set of many experiments holds one writer, not one per experiment. Each experiment's summaries come from
 * running sums. Not thread-safe: {@link dev.evalunit.execution.InDatasetOrder} calls it one row at a time.
 */
final class ObservationStreams implements Closeable {

    private final ExperimentSetPlan plan;
    private final int[] firstTask;
    private final ObservationsOnDisk[] rows;
    private final ExperimentSummaries.Running[] sums;
    private int current;
    private ObservationsWriter writer;

    /** @param firstTask each experiment's first task, then the count of tasks (one more than the experiments) */
    ObservationStreams(ExperimentSetPlan plan, int[] firstTask) {
        this.plan = plan;
        this.firstTask = firstTask.clone();
        int experiments = plan.experiments().size();
        this.rows = new ObservationsOnDisk[experiments];
        this.sums = new ExperimentSummaries.Running[experiments];
        for (int e = 0; e < experiments; e++) {
            sums[e] = new ExperimentSummaries.Running(plan.experiments().get(e).metricNames());
        }
    }

    /** The row of task {@code task}, the task after the last one given. */
    void accept(int task, RowResult row) throws IOException {
        while (task >= firstTask[current + 1]) {
            finishCurrent();
        }
        if (writer == null) {
            writer = open(plan.experiments().get(current));
        }
        writer.write(row);
        sums[current].add(row);
    }

    /** After the last row: every experiment's file is in place, those without rows included. */
    void finish() throws IOException {
        while (current < rows.length) {
            finishCurrent();
        }
    }

    /** Experiment {@code e}'s rows, read from its file (after {@link #finish}). */
    ObservationsOnDisk rows(int e) {
        return rows[e];
    }

    /** Experiment {@code e}'s summaries, metric by metric (after {@link #finish}). */
    Map<String, MetricSummary> summaries(int e) {
        return sums[e].summaries();
    }

    private void finishCurrent() throws IOException {
        if (writer == null) {
            writer = open(plan.experiments().get(current));
        }
        rows[current] = writer.finish();
        writer = null;
        current++;
    }

    /**
     * A writer of the experiment's observations file in its folder ({@link #folder}); of a temporary file, deleted
     * when the JVM exits, for a set without a report directory.
     */
    private ObservationsWriter open(ExperimentPlan experiment) throws IOException {
        Path file;
        if (plan.reportDirectory() == null) {
            file = Files.createTempFile("evalunit-observations-", ".jsonl");
            file.toFile().deleteOnExit();
        } else {
            file = Files.createDirectories(folder(plan, experiment)).resolve(ObservationsFile.NAME);
        }
        return ObservationsWriter.open(file, experiment.metricNames());
    }

    /** The experiment's folder in the set's report directory, named after it. */
    static Path folder(ExperimentSetPlan set, ExperimentPlan experiment) {
        return set.reportDirectory().resolve(ReportDirectories.segment(experiment.configuration().name()));
    }

    /** Deletes the partial file of an experiment not finished (after a failure). */
    @Override
    public void close() throws IOException {
        if (writer != null) {
            writer.close();
        }
    }
}
