package dev.evalunit.experiment;

import dev.evalunit.execution.CallPhases;
import dev.evalunit.execution.InDatasetOrder;
import dev.evalunit.execution.Progress;
import dev.evalunit.execution.SubmissionWindow;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.MetricInput;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.api.spi.ModelUnusableException;
import dev.evalunit.budget.EvaluationInfrastructureException;
import dev.evalunit.cost.TokenCounts;
import dev.evalunit.dataset.DatasetRow;
import dev.evalunit.experiment.spec.ExperimentConfiguration;
import dev.evalunit.shard.Shard;
import dev.evalunit.metrics.MetricColumns;
import dev.evalunit.stats.experiment.ExperimentSetAggregation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apiguardian.api.API;

/**
 * Runs every experiment of a plan: per row, the answer (a model call or a pre-generated output),
 * then each metric. All rows of all experiments run on the run's worker threads, so at most as many
 * calls as there are workers are in flight; rows are handed to the workers a few per worker at a time
 * ({@link SubmissionWindow}), not all at once. Each row is written to its experiment's observations file as it
 * finishes, in dataset order ({@link ObservationStreams}), and the summaries are running sums, so no row stays
 * in memory: the result's rows read the files ({@link dev.evalunit.files.ObservationsOnDisk}). A failure on one row becomes that row's observations'
 * errors; it never stops the set. A model that cannot work ({@link ModelUnusableException}) stops the
 * experiments that use it (their tests fail), and no others.
 */
@API(status = INTERNAL, since = "0.1")
public final class ExperimentSetRunner {

    /** Rows finished and waiting for one above them to be written, at most, per place in the submission window. */
    private static final int WAITING_PER_PLACE_IN_WINDOW = 16;

    private final ExecutorService workers;
    private final CallPhases phases;
    private final Shard shard;

    /** @param workers the run's worker threads (shared with other evaluations; not shut down here) */
    public ExperimentSetRunner(ExecutorService workers) {
        this(workers, CallPhases.LIVE, Shard.WHOLE);
    }

    /**
     * @param phases what runs before the rows do (batch execution), e.g. the runtime's
     * @param shard the part of every experiment's rows to run ({@link ExperimentShards#selected}): the same rows
     *     in every experiment of one dataset, so that every shard sees every configuration
     */
    public ExperimentSetRunner(ExecutorService workers, CallPhases phases, Shard shard) {
        this.workers = workers;
        this.phases = phases;
        this.shard = shard;
    }

    /**
     * Runs every row of every experiment. An experiment whose model or judge cannot work stops: its
     * remaining rows fail without a request, and the run says so in {@link ExperimentSetRun#stopped}.
     */
    public ExperimentSetRun run(ExperimentSetPlan plan) {
        return run(plan, Progress.NONE);
    }

    /** @param progress counts each row of each experiment as it starts and ends */
    public ExperimentSetRun run(ExperimentSetPlan plan, Progress progress) {
        Map<Integer, String> stopped = new ConcurrentHashMap<>();
        phases.prepare(plan.name(), () -> plan.experiments().forEach(experiment -> {
            List<DatasetRow> rows = experiment.dataset().rows();
            for (int i = 0; i < rows.size(); i++) {
                row(experiment, rows.get(i), i, new ConcurrentHashMap<>());
            }
        }));
        // Every row of every experiment, in turn (experiment by experiment), submitted in a window rather than all
        // at once; a row finished before one above it waits to be written in task order (InDatasetOrder), and those
        // waiting have their own, larger bound. Task order is dataset order within each experiment.
        List<ExperimentPlan> experiments = plan.experiments();
        int[][] selected = new int[experiments.size()][];
        int[] firstTask = new int[experiments.size() + 1];
        for (int e = 0; e < experiments.size(); e++) {
            selected[e] = ExperimentShards.selected(experiments.get(e), shard).stream().mapToInt(Integer::intValue).toArray();
            firstTask[e + 1] = firstTask[e] + selected[e].length;
        }
        List<ExperimentResult> results = new ArrayList<>();
        List<TokenCounts> tokens = new ArrayList<>();
        experiments.forEach(experiment -> tokens.add(new TokenCounts()));
        try (ObservationStreams streams = new ObservationStreams(plan, firstTask)) {
            InDatasetOrder<RowResult> inOrder = new InDatasetOrder<>(
                    SubmissionWindow.windowFor(workers) * WAITING_PER_PLACE_IN_WINDOW, "an observations file", streams::accept);
            Throwable failed;
            try {
                failed = inOrder.run(workers, firstTask[experiments.size()], task -> {
                    int e = experimentOf(firstTask, task);
                    int k = task - firstTask[e];
                    ExperimentPlan experiment = experiments.get(e);
                    progress.started();
                    // The replies this row receives count for its experiment too (summary.json), as they do for the set.
                    TokenCounts previous = tokens.get(e).enter();
                    RowResult result;
                    try {
                        result = row(experiment, experiment.dataset().rows().get(selected[e][k]), selected[e][k], stopped);
                    } finally {
                        TokenCounts.leave(previous);
                    }
                    progress.finished(result.generation().failed());
                    return result;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the experiment set was interrupted", e);
            }
            if (failed instanceof UncheckedIOException io) {
                throw io;
            }
            if (failed != null) {
                // row() turns every failure into observations; reaching here is a bug in evalunit.
                throw new IllegalStateException("evalunit failed to run a row", failed);
            }
            streams.finish();
            for (int e = 0; e < experiments.size(); e++) {
                results.add(result(plan, experiments.get(e), streams.rows(e), streams.summaries(e)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("evalunit could not write the observations of experiment set [" + plan.name()
                    + "]", e);
        }
        return new ExperimentSetRun(ExperimentSetAggregation.aggregate(plan.name(), plan.readme(), results,
                plan.descriptors(), plan.labels(), plan.reportDirectory()), stopped, tokens);
    }

    /** The experiment whose rows' tasks include {@code task}: the last whose first task is at most it. */
    private static int experimentOf(int[] firstTask, int task) {
        int found = Arrays.binarySearch(firstTask, task);
        if (found < 0) {
            return -found - 2;
        }
        // Experiments without selected rows share their first task with the next: the last of them has it.
        while (found + 1 < firstTask.length - 1 && firstTask[found + 1] == task) {
            found++;
        }
        return found;
    }

    private static ExperimentResult result(ExperimentSetPlan set, ExperimentPlan plan, List<RowResult> rows,
                                           Map<String, MetricSummary> summaries) {
        ExperimentConfiguration spec = plan.configuration();
        return new ExperimentResult(set.name(), spec.name(), spec.index(), spec.configurationId(), spec.repeatIndex(),
                spec.repeatCount(), spec.recordedConfiguration(), plan.metricNames(), rows, summaries,
                ObservationStreams.folder(set, plan), spec.displayName());
    }

    private static RowResult row(ExperimentPlan plan, DatasetRow row, int index, Map<Integer, String> stopped) {
        Map<String, Object> canonical = MetricColumns.canonicalRow(row, plan.columnsMap());
        int repeat = plan.configuration().repeatIndex();
        Generation generation;
        try {
            generation = generate(plan, canonical, index, repeat);
        } catch (ModelUnusableException e) {
            generation = Generation.failed(stop(plan, stopped, e.getMessage()));
        }
        Map<String, MetricObservation> scores = new LinkedHashMap<>();
        for (Metric metric : plan.metrics()) {
            MetricObservation observation;
            try {
                observation = observe(metric, plan, canonical, generation, repeat);
            } catch (EvaluationInfrastructureException e) {
                observation = MetricObservation.failed(stop(plan, stopped, e.getMessage()), null);
            }
            scores.put(metric.descriptor().name(), observation);
        }
        return new RowResult(rowId(row, index), generation, scores);
    }

    /** Records that the experiment stopped, the first reason kept; returns {@code reason}. */
    private static String stop(ExperimentPlan plan, Map<Integer, String> stopped, String reason) {
        stopped.putIfAbsent(plan.configuration().index(), reason);
        return reason;
    }

    /** The {@code id} cell, or the 1-based row number when the row has none (missing, null or blank). */
    static Object rowId(DatasetRow row, int index) {
        Object id = row.get("id");
        return id == null || id.toString().isBlank() ? index + 1 : id;
    }

    private static Generation generate(ExperimentPlan plan, Map<String, Object> row, int index, int repeat)
            throws ModelUnusableException {
        if (plan.answers() instanceof Answers.PreGenerated pre) {
            String output = pre.declared().outputs().get(index);
            return output == null ? Generation.failed("the pre-generated output of [" + pre.declared().aliasedName() + "] is null")
                    : Generation.preGenerated(output);
        }
        Answers.Generated generated = (Answers.Generated) plan.answers();
        Object query = row.get(ExperimentPlanner.QUERY);
        if (query == null) {
            // The planner checked the column exists; this row lacks the cell, and an empty prompt would still be answered.
            String column = plan.columnsMap().getOrDefault(ExperimentPlanner.QUERY, ExperimentPlanner.QUERY);
            return Generation.failed("no query to answer: column [" + column + "] is missing or null in this row");
        }
        String prompt = generated.preludePrompt() == null ? query.toString()
                : generated.preludePrompt() + "\n\n" + query;
        // The repeat index keeps repeats independent calls, never answered from one another.
        ModelRequest request = new ModelRequest(List.of(ChatMessage.user(prompt)), null, null, repeat);
        long start = System.nanoTime();
        try {
            ModelReply reply = generated.client().complete(request);
            if (reply == null || reply.text() == null) {
                return Generation.failed("model [" + generated.modelName() + "] replied without text");
            }
            // A client that does not time its calls still gets a generation time: ours, around the call.
            Duration latency = reply.latency() != null ? reply.latency() : Duration.ofNanos(System.nanoTime() - start);
            return new Generation(reply.text(), latency.toNanos() / 1e9, reply.promptTokens(),
                    reply.completionTokens(), null);
        } catch (ModelUnusableException e) {
            throw e;
        } catch (ModelCallException e) {
            return Generation.failed(describe(e));
        } catch (RuntimeException e) {
            return Generation.failed("model [" + generated.modelName() + "] failed: " + describe(e));
        }
    }

    private static MetricObservation observe(Metric metric, ExperimentPlan plan, Map<String, Object> row,
                                             Generation generation, int repeat) {
        if (generation.failed()) {
            return MetricObservation.failed("no answer to score: " + generation.error(), null);
        }
        String name = metric.descriptor().name();
        try {
            MetricObservation observation = metric.observe(new MetricInput(row, generation, plan.judge(), repeat));
            return observation != null ? observation
                    : MetricObservation.failed("metric [" + name + "] returned no observation", null);
        } catch (EvaluationInfrastructureException e) {
            throw e;
        } catch (RuntimeException e) {
            return MetricObservation.failed("metric [" + name + "] failed: " + describe(e), null);
        }
    }

    /** A failure's message, or its type when it has none: what a row's error says. */
    static String describe(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }


}
