package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseMetrics;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.spi.ModelUnusableException;
import dev.evalunit.autorater.Autorater;
import dev.evalunit.autorater.AutoraterInput;
import dev.evalunit.budget.EvaluationInfrastructureException;
import dev.evalunit.dataset.DatasetRow;
import dev.evalunit.dataset.IdColumns;
import dev.evalunit.execution.CallPhases;
import dev.evalunit.execution.Progress;
import dev.evalunit.execution.InDatasetOrder;
import dev.evalunit.execution.SubmissionWindow;
import dev.evalunit.prompt.DefaultInstructions;
import dev.evalunit.prompt.PromptParameter;
import dev.evalunit.stats.pairwise.PairwiseStatistics;
import dev.evalunit.files.JudgmentsFile;
import dev.evalunit.files.JudgmentsOnDisk;
import dev.evalunit.files.JudgmentsWriter;
import dev.evalunit.files.SideNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apiguardian.api.API;

/**
 * Runs a {@link PairwisePlan}: per example, the two answers, then the autorater's samples. Examples
 * run on the run's worker threads; every call blocks its thread, so at most as many calls as there are
 * workers are in flight. Examples are handed to the workers a few per worker at a time, not all at once. Each
 * judgment is written to the judgments file as soon as those before it are, and counted into the metrics; the
 * result's judgments read that file ({@link JudgmentsOnDisk}), so no judgment stays in memory. A failure on one example becomes that example's {@code Error} judgment; a
 * model that cannot work at all ({@link ModelUnusableException}) stops the evaluation instead.
 */
@API(status = INTERNAL, since = "0.1")
public final class PairwiseRunner {

    /**
     * Judgments finished and waiting for one above them to be written, at most, per place of the window: a slow
     * example lets the run go on for this many windows before it waits (about 1.2 KB a judgment).
     */
    private static final int WAITING_PER_PLACE_IN_WINDOW = 16;

    private final ExecutorService workers;
    private final CallPhases phases;

    /** @param workers the run's worker threads (shared with other evaluations; not shut down here) */
    public PairwiseRunner(ExecutorService workers) {
        this(workers, CallPhases.LIVE);
    }

    /** @param phases what runs before the examples do (batch execution), e.g. the runtime's */
    public PairwiseRunner(ExecutorService workers, CallPhases phases) {
        this.workers = workers;
        this.phases = phases;
    }

    public PairwiseResult run(PairwisePlan plan) {
        return run(plan, Progress.NONE);
    }

    /** @param progress counts each example as it starts and ends (read by {@link dev.evalunit.execution.ConsoleProgress}) */
    public PairwiseResult run(PairwisePlan plan, Progress progress) {
        Autorater autorater = new Autorater(plan.judge(), plan.task(), plan.samples(), plan.maxInputTokens(),
                plan.reaskAttempts());
        String defaultInstruction = DefaultInstructions.forTask(plan.task());
        phases.prepare(plan.name(), () -> plan.dataset().rows().forEach(row -> judge(plan, autorater, defaultInstruction, row)));
        List<DatasetRow> rows = plan.dataset().rows();
        PairwiseStatistics statistics = new PairwiseStatistics(plan.humanPreferenceColumn() != null);
        JudgmentsOnDisk judgments;
        try (JudgmentsWriter writer = JudgmentsFile.writer(judgmentsFile(plan), plan.humanPreferenceColumn(),
                new SideNames(plan.sideA().name(), plan.sideB().name()))) {
            // Examples are submitted in a window (SubmissionWindow); a judgment finished before one above it waits
            // to be written in dataset order, and those waiting have their own, larger bound.
            InDatasetOrder<Judgment> inOrder = new InDatasetOrder<>(windowFor(workers) * WAITING_PER_PLACE_IN_WINDOW,
                    "the judgments file", (index, judgment) -> {
                        writer.write(judgment);
                        statistics.add(judgment);
                    });
            Throwable failed;
            try {
                failed = inOrder.run(workers, rows.size(), index -> {
                    progress.started();
                    Judgment judgment = judge(plan, autorater, defaultInstruction, rows.get(index));
                    progress.finished(judgment.isError());
                    return judgment;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the evaluation was interrupted", e);
            }
            if (failed instanceof EvaluationInfrastructureException stopped) {
                throw new EvaluationInfrastructureException("evaluation [" + plan.name() + "] stopped: " + stopped.getMessage());
            }
            if (failed instanceof UncheckedIOException io) {
                throw io;
            }
            if (failed != null) {
                // judge() turns every failure into an Error judgment; reaching here is a bug in evalunit.
                throw new IllegalStateException("evalunit failed to judge an example", failed);
            }
            judgments = writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("evalunit could not write the judgments of [" + plan.name() + "]", e);
        }
        PairwiseMetrics metrics = statistics.metrics();
        return new PairwiseResult(plan.name(), plan.task().id(), plan.idColumns(), plan.humanPreferenceColumn(),
                judgments, metrics, plan.reportDirectory(), plan.sideA().name(), plan.sideB().name());
    }

    /**
     * Where the run writes its judgments as they finish: the report directory's judgments file (the reports
     * then leave it as it is), or a temporary file deleted when the JVM exits for an evaluation without one.
     */
    private static Path judgmentsFile(PairwisePlan plan) throws IOException {
        if (plan.reportDirectory() == null) {
            Path temporary = Files.createTempFile("evalunit-judgments-", ".jsonl");
            temporary.toFile().deleteOnExit();
            return temporary;
        }
        Files.createDirectories(plan.reportDirectory());
        return plan.reportDirectory().resolve(PairwiseResult.JUDGMENTS_FILE);
    }

    /** Examples submitted and not yet finished, at most ({@link SubmissionWindow#windowFor}). */
    static int windowFor(ExecutorService workers) {
        return SubmissionWindow.windowFor(workers);
    }

    private static Judgment judge(PairwisePlan plan, Autorater autorater, String defaultInstruction, DatasetRow row) {
        Map<String, Object> ids = IdColumns.idsOf(row, plan.idColumns());
        String human = plan.humanPreferenceColumn() == null ? null : row.text(plan.humanPreferenceColumn());
        String instruction = plan.instruction().render(row, defaultInstruction);
        String context = plan.context() == null ? "" : plan.context().render(row, defaultInstruction);
        // Pre-generated answers are read first: they cost nothing, so an Error row still shows them.
        String responseA = preGenerated(plan.sideA(), row);
        String responseB = preGenerated(plan.sideB(), row);
        try {
            if (plan.sideA() instanceof AnswerSource.Generated a) {
                responseA = generate(a, row, defaultInstruction);
            }
            if (plan.sideB() instanceof AnswerSource.Generated b) {
                responseB = generate(b, row, defaultInstruction);
            }
            return autorater.judge(ids, new AutoraterInput(instruction, context, responseA, responseB), human);
        } catch (EvaluationInfrastructureException e) {
            throw e;
        } catch (GenerationFailed e) {
            return Judgment.error(ids, instruction, context, responseA, responseB, e.getMessage(), List.of(), human);
        } catch (RuntimeException e) {
            return Judgment.error(ids, instruction, context, responseA, responseB,
                    "the autorater failed: " + describe(e), List.of(), human);
        }
    }

    /** The side's answer from its column, or {@code null} when the side generates its answers. */
    private static String preGenerated(AnswerSource source, DatasetRow row) {
        return source instanceof AnswerSource.PreGenerated pre ? row.text(pre.column()) : null;
    }

    private static String generate(AnswerSource.Generated generated, DatasetRow row, String defaultInstruction) {
        Map<String, String> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, PromptParameter> p : generated.params().entrySet()) {
            rendered.put(p.getKey(), p.getValue().render(row, defaultInstruction));
        }
        String answer;
        try {
            answer = generated.generator().answer(rendered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationFailed(generated.label() + " was interrupted");
        } catch (ModelUnusableException e) {
            throw new EvaluationInfrastructureException(e.getMessage());
        } catch (Exception e) {
            throw new GenerationFailed(generated.label() + " failed: " + describe(e));
        }
        if (answer == null) {
            throw new GenerationFailed(generated.label() + " returned no answer (null)");
        }
        return answer;
    }

    private static String describe(Throwable e) {
        Throwable shown = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
        String message = shown.getMessage();
        return message == null || message.isBlank() ? shown.getClass().getSimpleName() : message;
    }

    /** One side's answer could not be produced; the message names the side and says why. */
    private static final class GenerationFailed extends RuntimeException {
        GenerationFailed(String message) {
            super(message, null, false, false);
        }
    }
}
