package dev.evalunit.api.pairwise;

import static org.apiguardian.api.API.Status.STABLE;

import dev.evalunit.api.usage.Usage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A finished pairwise evaluation, injected into the {@code @PairwiseEval} method.
 *
 * @param name the evaluation's name (by default {@code <TestClass>.<method>})
 * @param task the task's identifier, e.g. {@code question_answering}
 * @param idColumns the id columns, in order
 * @param humanPreferenceColumn the human preference column, or {@code null} without one
 * @param judgments one per example, in dataset order
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
        judgments = List.copyOf(judgments);
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

    /** The judgments file: one JSON object per line, one line per example. */
    public Path judgmentsFile() {
        return reportDirectory == null ? null : reportDirectory.resolve(JUDGMENTS_FILE);
    }
}
