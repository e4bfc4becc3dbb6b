package dev.evalunit.api.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.apiguardian.api.API.Status.STABLE;

import dev.evalunit.api.usage.Usage;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A finished pairwise evaluation, injected into the {@code @PairwiseEval} method.
 *
 * @param name the evaluation's name (by default {@code <TestClass>.<method>})
 * @param task the task's identifier, e.g. {@code question_answering}
 * @param idColumns the id columns, in order
 * @param humanPreferenceColumn the human preference column, or {@code null} without one
 * @param judgments one per example, in dataset order. For the result of a run, the list reads the run's
 *     judgments file: it holds each line's offset, {@code get(i)} reads and parses line {@code i}, and
 *     iteration reads the file in order, so that no {@link Judgment} is kept in memory however large the
 *     evaluation. Each call returns a new {@link Judgment} equal to the one written. The list is valid as long
 *     as that file is (the report directory's {@value #JUDGMENTS_FILE}, or a temporary file deleted when the
 *     JVM exits for an evaluation without a report directory). A list given by the caller is copied, as
 *     {@link List#copyOf} does.
 * @param metrics the figures computed from the judgments
 * @param reportDirectory where the judgments file and the reports are written
 * @param modelA the name of side A, written as {@code model_a} on every judgments line: the declared model's
 *     name, the method's name, or the response column's name for pre-generated answers; {@code null} when unknown
 * @param modelB the name of side B, likewise
 * @param usage the evaluation's tokens and cost, as its {@code metrics.json} gives them; {@link Usage#NONE}
 *     when not counted
 */
@API(status = STABLE, since = "0.1")
public record PairwiseResult(String name, String task, List<String> idColumns, String humanPreferenceColumn,
                             List<Judgment> judgments, PairwiseMetrics metrics, Path reportDirectory,
                             String modelA, String modelB, Usage usage) {

    /** The judgments file's name inside {@link #reportDirectory()}. */
    public static final String JUDGMENTS_FILE = "judgments.jsonl";

    public PairwiseResult {
        Objects.requireNonNull(name, "name");
        idColumns = List.copyOf(idColumns);
        judgments = judgments instanceof StoredJudgments ? judgments : List.copyOf(judgments);
        Objects.requireNonNull(metrics, "metrics");
        usage = usage == null ? Usage.NONE : usage;
    }

    /** A result without counted usage ({@link Usage#NONE}). */
    public PairwiseResult(String name, String task, List<String> idColumns, String humanPreferenceColumn,
                          List<Judgment> judgments, PairwiseMetrics metrics, Path reportDirectory,
                          String modelA, String modelB) {
        this(name, task, idColumns, humanPreferenceColumn, judgments, metrics, reportDirectory, modelA, modelB,
                Usage.NONE);
    }

    /** The same result with {@code value} as its tokens and cost. */
    public PairwiseResult withUsage(Usage value) {
        return new PairwiseResult(name, task, idColumns, humanPreferenceColumn, judgments, metrics, reportDirectory,
                modelA, modelB, value);
    }

    /** A result whose sides are not named (as before the names were recorded). */
    public PairwiseResult(String name, String task, List<String> idColumns, String humanPreferenceColumn,
                          List<Judgment> judgments, PairwiseMetrics metrics, Path reportDirectory) {
        this(name, task, idColumns, humanPreferenceColumn, judgments, metrics, reportDirectory, null, null, Usage.NONE);
    }

    /**
     * Judgments kept in a file rather than in memory: an immutable list in dataset order that the canonical
     * constructor keeps as it is instead of copying it (see {@link #judgments()}). The engine's lists
     * extend it; a test has no need to.
     */
    @API(status = INTERNAL, since = "0.1")
    public abstract static class StoredJudgments extends AbstractList<Judgment> implements RandomAccess {

        /** For the engine's lists, which read their judgments from a file. */
        protected StoredJudgments() {
        }
    }

    /** The judgments file: one JSON object per line, one line per example. */
    public Path judgmentsFile() {
        return reportDirectory == null ? null : reportDirectory.resolve(JUDGMENTS_FILE);
    }
}
